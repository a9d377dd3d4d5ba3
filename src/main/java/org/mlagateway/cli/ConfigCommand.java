package org.mlagateway.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.ListenerConfig;
import org.mlagateway.security.Finding;
import org.mlagateway.security.KeyMaterialCheck;
import org.mlagateway.security.token.Tokens;
import org.mlagateway.store.Store;
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
            description = "Check a gateway.yaml: keys, key stores, tokens, certificates, partners, routing, the"
                    + " listeners and the database. Reports every problem in one pass and exits 1 if there is one.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway.yaml to check.")
        Path config;

        @Option(
                names = "--expiry-days",
                defaultValue = "30",
                description = "Certificates expiring within this many days are problems (default ${DEFAULT-VALUE}).")
        int expiryDays;

        private final PrintStream out = System.out;

        @Override
        public Integer call() {
            List<String> fileProblems = List.of();
            GatewayConfig loaded;
            try {
                loaded = new ConfigLoader().load(config);
            } catch (ConfigException e) {
                fileProblems = e.problems();
                loaded = e.loaded();
            }
            fileProblems.forEach(p -> out.println("problem: " + p));
            if (loaded == null) {
                out.println("config check: " + fileProblems.size() + " problem(s) in " + config
                        + "; the keys and the database are checked once the file can be read");
                return 1;
            }
            List<Finding> findings = new ArrayList<>();
            try (Tokens tokens = new Tokens()) {
                findings.addAll(
                        new KeyMaterialCheck(Clock.systemUTC(), Duration.ofDays(expiryDays)).check(loaded, tokens));
                kek(loaded, tokens, findings);
            }
            plainHttpBeyondLoopback(loaded.listeners().internal()).ifPresent(findings::add);
            database(loaded).ifPresent(findings::add);
            findings.forEach(out::println);
            long problems = fileProblems.size()
                    + findings.stream()
                            .filter(f -> f.severity() == Finding.Severity.PROBLEM)
                            .count();
            long warnings = findings.stream()
                    .filter(f -> f.severity() == Finding.Severity.WARNING)
                    .count();
            out.println("config check: " + (problems == 0 ? "ok" : problems + " problem(s)") + " ("
                    + loaded.authority().id() + ", " + loaded.partners().size() + " partner(s), "
                    + loaded.routing().rules().size() + " routing rule(s), " + warnings + " warning(s))");
            return problems == 0 ? 0 : 1;
        }

        /** The internal listener speaks plain HTTP: bearer tokens and operator logins cross the network in clear. */
        static java.util.Optional<Finding> plainHttpBeyondLoopback(ListenerConfig internal) {
            boolean loopback;
            try {
                loopback = InetAddress.getByName(internal.host()).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return java.util.Optional.of(new Finding(
                        Finding.Severity.PROBLEM, "listeners.internal.host", "unknown host " + internal.host()));
            }
            return loopback
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(new Finding(
                            Finding.Severity.WARNING,
                            "listeners.internal.host",
                            "WARNING: the internal listener (API, operator pages, /health, /metrics) speaks plain"
                                    + " HTTP on " + internal.host() + ", beyond loopback: API tokens and operator"
                                    + " logins cross the network in clear; keep it on 127.0.0.1 behind a TLS proxy"));
        }

        /** The database answers with the configured credentials; an embedded store not made yet is a note. */
        static java.util.Optional<Finding> database(GatewayConfig loaded) {
            return Store.probe(loaded.storage())
                    .map(why -> loaded.storage().jdbcUrl() == null
                            ? new Finding(Finding.Severity.WARNING, "storage.dataDir", why)
                            : new Finding(Finding.Severity.PROBLEM, "storage.jdbcUrl", why));
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
