package org.mlagateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependency table (docs/architecture.md), enforced on the product's classes: each
 * capability package may use only the packages its row names, nothing uses {@code cli} or the
 * {@code tools}, and the store stays free of security, exchange and network code.
 */
class ArchitectureTest {
    private static final String ROOT = "org.mlagateway";

    /** Package (relative to org.mlagateway) to the packages it may use besides itself and the JDK/libraries. */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("error", Set.of()),
            Map.entry("logging", Set.of()),
            Map.entry("config", Set.of("error")),
            Map.entry("message", Set.of("error")),
            Map.entry("security", Set.of("message", "config", "error", "store")),
            Map.entry("store", Set.of("message", "config", "error")),
            Map.entry("atrest", Set.of("store", "security", "config", "error")),
            Map.entry("transport", Set.of("config", "error")),
            Map.entry("exchange", Set.of("security", "message", "store", "transport", "config", "error")),
            Map.entry("routing", Set.of("message", "store", "config", "error")),
            Map.entry("access", Set.of("store", "config", "error")),
            Map.entry("download", Set.of("store", "transport")),
            Map.entry(
                    "api",
                    Set.of(
                            "store",
                            "routing",
                            "exchange",
                            "transport",
                            "access",
                            "message",
                            "download",
                            "register",
                            "config",
                            "error")),
            Map.entry("evidence", Set.of("security", "store", "message", "config", "error")),
            Map.entry("statistics", Set.of("store", "message", "config", "error")),
            Map.entry("register", Set.of("store", "message", "config", "error")),
            Map.entry("alerts", Set.of("store", "config", "error")),
            Map.entry(
                    "pages",
                    Set.of(
                            "store",
                            "evidence",
                            "statistics",
                            "routing",
                            "access",
                            "message",
                            "config",
                            "error",
                            "observability",
                            "download",
                            "register",
                            "alerts")),
            Map.entry("observability", Set.of("store", "security", "exchange", "config", "error")));

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void everyCapabilityPackage_usesOnlyWhatItsRowAllows() {
        ArchRuleDefinition.classes()
                .that()
                .resideInAPackage(ROOT + ".(*)..")
                .and()
                .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".tools..")
                .should(useOnlyAllowedPackages())
                .check(product);
    }

    @Test
    void nothing_usesTheCommandLineOrTheTools() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".tools..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".cli..", ROOT + ".tools..");
        rule.check(product);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".tools..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".cli..")
                .check(product);
    }

    @Test
    void store_usesNoNetworkClientNoSecurityAndNoExchange() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".security..",
                        ROOT + ".exchange..",
                        ROOT + ".transport..",
                        "java.net.http..",
                        "io.netty..",
                        "org.apache.cxf..",
                        "org.apache.hc..")
                .check(product);
    }

    /** Encryption at rest lives in atrest, behind store.ContentSealer: the store ciphers nothing. */
    @Test
    void store_doesNoCryptographyBeyondHashing() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javax.crypto..", ROOT + ".atrest..")
                .check(product);
    }

    @Test
    void pagesEvidenceAndStatistics_keepToTheirOwnCapability() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".evidence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".pages..", ROOT + ".statistics..")
                .check(product);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".statistics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".pages..", ROOT + ".evidence..")
                .check(product);
    }

    private static ArchCondition<JavaClass> useOnlyAllowedPackages() {
        return new ArchCondition<>("use only the packages their row of the dependency table allows") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = capability(item.getPackageName());
                Set<String> allowed = MAY_USE.get(own);
                if (allowed == null) {
                    if (!own.isEmpty()) {
                        events.add(SimpleConditionEvent.violated(item, own + " has no row in the dependency table"));
                    }
                    return; // the root package holds Gateway, which wires every capability
                }
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    String target = d.getTargetClass().getPackageName();
                    if (!target.startsWith(ROOT + ".")) {
                        return;
                    }
                    String to = capability(target);
                    if (!to.equals(own) && !allowed.contains(to)) {
                        events.add(SimpleConditionEvent.violated(
                                d, own + " may not use " + to + ": " + d.getDescription()));
                    }
                });
            }
        };
    }

    /** The first package segment below org.mlagateway: message.internal belongs to message. */
    static String capability(String packageName) {
        if (packageName.equals(ROOT)) {
            return "";
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
