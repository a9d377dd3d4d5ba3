package org.mlagateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.security.Finding;
import org.mlagateway.security.KeyMaterialCheck;
import org.mlagateway.security.token.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Configuration commands. */
@Command(
        name = "config",
        description = "Configuration.",
        subcommands = ConfigCommand.Check.class,
        mixinStandardHelpOptions = true)
final class ConfigCommand extends GroupCommand {

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Check a gateway.yaml: keys, key stores, certificates, partners and routing."
                    + " Reports every problem and exits 1 if there is one.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway.yaml to check.")
        Path config;

        @Option(
                names = "--expiry-days",
                defaultValue = "30",
                description = "Certificates expiring within this many days are problems (default ${DEFAULT-VALUE}).")
        int expiryDays;

        @Override
        public Integer call() {
            GatewayConfig loaded = Configs.loadOrReport(config, "config check", System.out);
            if (loaded == null) {
                return 1;
            }
            List<Finding> findings = new ArrayList<>();
            try (Tokens tokens = new Tokens()) {
                findings.addAll(
                        new KeyMaterialCheck(Clock.systemUTC(), Duration.ofDays(expiryDays)).check(loaded, tokens));
                kek(loaded, tokens, findings);
            }
            findings.forEach(System.out::println);
            long problems = findings.stream()
                    .filter(f -> f.severity() == Finding.Severity.PROBLEM)
                    .count();
            System.out.println("config check: " + (problems == 0 ? "ok" : problems + " problem(s)") + " ("
                    + loaded.authority().id() + ", " + loaded.partners().size() + " partner(s), "
                    + loaded.routing().rules().size() + " routing rule(s), " + (findings.size() - problems)
                    + " warning(s))");
            return problems == 0 ? 0 : 1;
        }

        /** The key-encryption key: opened (the token logged in to) and its key found and tried. */
        private static void kek(GatewayConfig loaded, Tokens tokens, List<Finding> findings) {
            if (loaded.storage().kek() == null) {
                findings.add(new Finding(
                        Finding.Severity.WARNING,
                        "storage.kek",
                        "not configured: envelopes, message"
                                + " XML and documents are stored in clear (docs/encryption-at-rest.md)"));
                return;
            }
            AtRest.check(loaded.storage().kek(), tokens)
                    .ifPresent(problem -> findings.add(new Finding(Finding.Severity.PROBLEM, "storage.kek", problem)));
        }
    }
}
