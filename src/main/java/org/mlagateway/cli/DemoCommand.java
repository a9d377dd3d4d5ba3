package org.mlagateway.cli;

import org.mlagateway.tools.demo.Demo;
import org.mlagateway.tools.demo.DemoTsa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./gateway demo}: the main job, end to end, on the embedded store. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run KZ-GPO and RU-GPO on free loopback ports with the sample keys, exchange every message"
                + " kind both ways, verify every receipt and both message logs. Exits 0 only if all succeed.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keys", description = "The sample deployment (default: keys-sample beside the launcher).")
    Path keys;

    @Option(names = "--keep-running", description = "Leave both gateways running and print their URLs.")
    boolean keepRunning;

    @Option(names = "--data-dir", description = "Keep both stores in this directory (kz-gpo/, ru-gpo/) after the"
            + " demo, e.g. for log export; default: a temporary directory, deleted at the end.")
    Path dataDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (System.getProperty("mlagateway.log.level") == null) {
            // The table is the demo's output; per-message log lines would bury it.
            System.setProperty("mlagateway.log.level", "WARN");
        }
        Path sample = keys != null ? keys : Launcher.home().resolve("keys-sample");
        Path work = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("mla-gateway-demo-");
        DemoTsa tsa = DemoTsa.ofSample(sample);
        Demo.Result result;
        try {
            result = new Demo(sample, System.out, tsa).run(work);
        } catch (RuntimeException e) {
            tsa.close();
            throw e;
        }
        if (keepRunning) {
            System.out.println("\nKZ-GPO exchange: " + result.kz().exchangeUrl());
            System.out.println("KZ-GPO API:      " + result.kz().apiUrl());
            System.out.println("RU-GPO exchange: " + result.ru().exchangeUrl());
            System.out.println("RU-GPO API:      " + result.ru().apiUrl());
            System.out.println("Sample TSA:      " + tsa.url());
            System.out.println("API tokens: keys-sample/<authority>/secrets/api-tokens.properties (SAMPLE tokens)");
            System.out.println("\nOperator pages (KZ-GPO): " + result.kz().opsUrl() + "/log");
            System.out.println("Operator pages (RU-GPO): " + result.ru().opsUrl() + "/log");
            System.out.println("  log in with client id 'operator' and its token, the 'operator=' line of"
                    + " keys-sample/<authority>/secrets/api-tokens.properties (SAMPLE token)");
            System.out.println("Stores under " + work + ". Press Ctrl-C to stop.");
            if (dataDir != null) {
                printExportHint(work, result.firstMessageId(), " once stopped");
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                result.kz().close();
                result.ru().close();
                tsa.close();
                stopped.countDown();
            }));
            stopped.await();
            return result.success() ? 0 : 1;
        }
        result.kz().close();
        result.ru().close();
        tsa.close();
        if (dataDir != null) {
            printExportHint(work, result.firstMessageId(), "");
        } else {
            deleteTree(work);
        }
        return result.success() ? 0 : 1;
    }

    /** The embedded stores are locked while the demo runs, so log export reads them afterwards. */
    private static void printExportHint(Path work, String messageId, String when) {
        System.out.println("\nEvidence of message 1" + when + ":\n  ./gateway log export --config"
                + " keys-sample/kz-gpo/gateway.yaml --data-dir " + work.resolve("kz-gpo") + " " + messageId
                + " --out evidence.zip");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
