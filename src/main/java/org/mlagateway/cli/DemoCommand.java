package org.mlagateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.exchange.As4Inbound;
import org.mlagateway.tools.demo.Demo;
import org.mlagateway.tools.demo.DemoTsa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gateway demo}: the main job, end to end, on the embedded store. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run KZ-GPO and RU-GPO on free loopback ports with the sample keys, exchange every message"
                + " kind both ways, verify every receipt and both message logs. Exits 0 only if all succeed.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keys", description = "The sample deployment (default: keys-sample beside the launcher).")
    Path keys;

    @Option(names = "--keep-running", description = "Leave both gateways running and print their URLs.")
    boolean keepRunning;

    @Option(
            names = "--data-dir",
            description = "Keep both stores in this directory (kz-gpo/, ru-gpo/) after the"
                    + " demo, e.g. for log export; default: a temporary directory, deleted at the end.")
    Path dataDir;

    @Option(
            names = "--pkcs11",
            description =
                    "Keep KZ-GPO's keys in a SoftHSM2 token made for the run, not in key" + " stores (docs/pkcs11.md).")
    boolean pkcs11;

    @Mixin
    LogOptions log = new LogOptions();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<Path> hsm = DemoToken.prepared();
        if (pkcs11 && hsm.isEmpty()) {
            return DemoToken.runInChild(arguments(), dataDir);
        }
        if (log.level == null && System.getProperty("mlagateway.log.level") == null) {
            // The table is the demo's output; per-message log lines would bury it.
            log.level = "WARN";
        }
        if (!log.apply("demo")) {
            return 2;
        }
        Path work = dataDir != null
                ? OwnerOnly.createDirectories(dataDir)
                : Files.createTempDirectory("mla-gateway-demo-"); // 0700 on POSIX
        // Git keeps no file modes but the executable bit, so a fresh clone's keys-sample/ is readable by all,
        // which a gateway refuses. The demo runs on a private copy instead.
        Path sample = privateCopy(keys != null ? keys : Launcher.home().resolve("keys-sample"), work.resolve("keys"));
        if (pkcs11) {
            DemoToken.moveKzKeys(sample, hsm.get());
        }
        DemoTsa tsa = DemoTsa.ofSample(sample);
        Demo.Result result;
        try {
            if (pkcs11) {
                System.out.println("TR-MOJ (AS4) stays out of the --pkcs11 demo: AS4 decryption with a key in a"
                        + " PKCS#11 token is not implemented yet (docs/as4.md)");
            }
            result = new Demo(sample, System.out, tsa, (authority, embedded) -> embedded, !pkcs11).run(work);
        } catch (RuntimeException e) {
            tsa.close();
            throw e;
        }
        if (keepRunning) {
            System.out.println("\nKZ-GPO exchange: " + result.kz().exchangeUrl());
            System.out.println("KZ-GPO API:      " + result.kz().apiUrl());
            System.out.println("RU-GPO exchange: " + result.ru().exchangeUrl());
            System.out.println("RU-GPO API:      " + result.ru().apiUrl());
            if (result.tr() != null) {
                System.out.println("TR-MOJ exchange: " + result.tr().exchangeUrl() + " (AS4 with KZ-GPO: "
                        + result.tr().exchangeUrl().resolve(As4Inbound.PATH) + ")");
                System.out.println("TR-MOJ API:      " + result.tr().apiUrl());
            }
            System.out.println("Sample TSA:      " + tsa.url());
            System.out.println("API tokens: keys-sample/<authority>/secrets/api-tokens.properties (SAMPLE tokens)");
            System.out.println("\nOperator pages (KZ-GPO): " + result.kz().opsUrl() + "/log");
            System.out.println("Operator pages (RU-GPO): " + result.ru().opsUrl() + "/log");
            if (result.tr() != null) {
                System.out.println("Operator pages (TR-MOJ): " + result.tr().opsUrl() + "/log");
            }
            System.out.println("  log in with client id 'operator' and its token, the 'operator=' line of"
                    + " keys-sample/<authority>/secrets/api-tokens.properties (SAMPLE token)");
            System.out.println("Stores under " + work + (dataDir == null ? " (removed when stopped)" : "")
                    + ". Press Ctrl-C to stop.");
            printExportHint(work, sample, hsm, result.firstMessageId(), "");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                result.close();
                tsa.close();
                if (dataDir == null) {
                    try {
                        deleteTree(work);
                    } catch (IOException e) {
                        System.err.println("demo: cannot remove " + work + ": " + e.getMessage());
                    }
                }
                System.out.println("demo: stopped");
                stopped.countDown();
            }));
            stopped.await();
            return result.success() ? 0 : 1;
        }
        result.close();
        tsa.close();
        if (dataDir != null) {
            printExportHint(work, sample, hsm, result.firstMessageId(), "");
        } else {
            deleteTree(work);
        }
        return result.success() ? 0 : 1;
    }

    /** This command's options, for the child JVM of {@code --pkcs11}. */
    private List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("demo", "--pkcs11"));
        if (keys != null) {
            args.addAll(List.of("--keys", keys.toAbsolutePath().toString()));
        }
        if (dataDir != null) {
            args.addAll(List.of("--data-dir", dataDir.toAbsolutePath().toString()));
        }
        if (keepRunning) {
            args.add("--keep-running");
        }
        return args;
    }

    /**
     * How to export message 1's evidence, while the demo runs or afterwards; with {@code --pkcs11} it
     * needs SoftHSM2's configuration to find KZ-GPO's token.
     */
    private static void printExportHint(Path work, Path keys, Optional<Path> hsm, String messageId, String when) {
        System.out.println("\nEvidence of message 1" + when + ":\n  "
                + hsm.map(h -> "SOFTHSM2_CONF=" + h.resolve("softhsm2.conf") + " ")
                        .orElse("")
                + "./gateway log export --config "
                + keys.resolve("kz-gpo/gateway.yaml") + " --data-dir " + work.resolve("kz-gpo") + " " + messageId
                + " --out evidence.zip");
    }

    /**
     * Copies a sample deployment with every directory 0700 and every file 0600, leaving out the
     * data directories that {@code run} may have made inside it.
     */
    static Path privateCopy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path relative = from.relativize(source);
                boolean dataDir = relative.getNameCount() > 1
                        && relative.getName(1).toString().equals("data");
                if (relative.toString().isEmpty() || dataDir) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    OwnerOnly.createDirectories(target);
                } else if (Files.isRegularFile(source)) {
                    OwnerOnly.write(target, Files.readAllBytes(source));
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
