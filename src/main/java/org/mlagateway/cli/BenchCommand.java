package org.mlagateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.KekConfig;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.Secret;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.tools.bench.As4Benchmark;
import org.mlagateway.tools.bench.ClusterBenchmark;
import org.mlagateway.tools.bench.ExchangeBenchmark;
import org.mlagateway.tools.bench.HostileBenchmark;
import org.mlagateway.tools.bench.LargeBenchmark;
import org.mlagateway.tools.bench.LargePartsBenchmark;
import org.mlagateway.tools.bench.StoreBenchmark;
import org.mlagateway.tools.bench.TempDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks. Not part of the test suite, which runs only a tiny smoke run. */
@Command(
        name = "bench",
        description = "Benchmarks.",
        subcommands = {
            BenchCommand.StoreBench.class,
            BenchCommand.ExchangeBench.class,
            BenchCommand.LargeBench.class,
            BenchCommand.HostileBench.class,
            BenchCommand.ClusterBench.class,
            BenchCommand.As4Bench.class
        },
        mixinStandardHelpOptions = true)
public final class BenchCommand extends GroupCommand {

    @Command(
            name = "store",
            mixinStandardHelpOptions = true,
            description = "Accepted messages per second (one transaction each, 20 KB, several writers) and log"
                    + " verification entries per second, on embedded H2 and, when a URL is given or"
                    + " MLA_TEST_POSTGRES_URL is set, on PostgreSQL (in throw-away schemas). Then the log's growth"
                    + " per 1,000 accepted messages, and the accept latency p99 with a time-stamping authority"
                    + " that hangs next to that with none.")
    static final class StoreBench implements Callable<Integer> {
        @Option(names = "--jdbc-url", description = "A jdbc:postgresql: URL to benchmark as well.")
        String jdbcUrl;

        @Option(
                names = "--messages",
                defaultValue = "2000",
                description = "Messages to accept (default ${DEFAULT-VALUE}).")
        int messages;

        @Option(
                names = "--entries",
                defaultValue = "1000000",
                description = "Log size to verify (default ${DEFAULT-VALUE}).")
        long entries;

        @Option(names = "--threads", defaultValue = "4", description = "Writer threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(
                names = "--at-rest",
                description = "Also run each database encrypted at rest, under a key-encryption"
                        + " key made for the run (docs/encryption-at-rest.md).")
        boolean atRest;

        @Override
        public Integer call() throws Exception {
            List<StoreBenchmark.Result> results = new ArrayList<>();
            Path dir = Files.createTempDirectory("mla-bench-");
            try {
                KekConfig kek = null;
                if (atRest) {
                    Path p12 = dir.resolve("kek.p12");
                    AtRest.writeKeyStore(p12, "bench-kek".toCharArray(), "bench-kek", new SecureRandom());
                    kek = new KekConfig(p12, new Secret(null, null, "bench-kek"), "bench-kek");
                }
                System.err.println("bench store: H2 ...");
                int[] stores = {0};
                results.add(StoreBenchmark.run(
                        "H2 (embedded)",
                        new StorageConfig(dir.resolve("clear"), null, null, null, threads + 2),
                        messages,
                        entries,
                        threads,
                        () -> new StorageConfig(dir.resolve("fresh-" + ++stores[0]), null, null, null, threads + 2),
                        dir.resolve("h2-scratch")));
                if (kek != null) {
                    System.err.println("bench store: H2, encrypted at rest ...");
                    results.add(StoreBenchmark.run(
                            "H2, KEK",
                            new StorageConfig(dir.resolve("sealed"), null, null, null, threads + 2, kek),
                            messages,
                            entries,
                            threads));
                }
                String postgres = jdbcUrl != null ? jdbcUrl : System.getenv("MLA_TEST_POSTGRES_URL");
                if (postgres != null) {
                    System.err.println("bench store: PostgreSQL ...");
                    results.add(
                            StoreBenchmark.onPostgres(postgres, messages, entries, threads, dir.resolve("pg-scratch")));
                    if (kek != null) {
                        System.err.println("bench store: PostgreSQL, encrypted at rest ...");
                        results.add(StoreBenchmark.onPostgres(
                                postgres, messages, entries, threads, dir.resolve("pg-scratch"), kek));
                    }
                }
            } finally {
                TempDirectories.delete(dir);
            }
            print(results);
            return results.stream().allMatch(r -> r.verdict().equals("OK")) ? 0 : 1;
        }

        private void print(List<StoreBenchmark.Result> results) {
            System.out.printf(
                    Locale.ROOT,
                    "store benchmark: %d messages of %d KB accepted by %d threads;" + " log of %d entries%n",
                    messages,
                    StoreBenchmark.DOCUMENT_BYTES / 1024,
                    threads,
                    entries);
            String format = "%-16s | %14s | %18s | %18s | %s%n";
            System.out.printf(
                    Locale.ROOT, format, "database", "accepted msg/s", "log appends/s", "log verify/s", "chain");
            for (StoreBenchmark.Result r : results) {
                System.out.printf(
                        Locale.ROOT,
                        format,
                        r.database(),
                        String.format(Locale.ROOT, "%.1f", r.acceptPerSecond()),
                        String.format(Locale.ROOT, "%.0f", r.appendPerSecond()),
                        String.format(Locale.ROOT, "%.0f", r.verifyPerSecond()),
                        r.verdict());
            }
            System.out.printf(
                    Locale.ROOT,
                    "message log per 1,000 accepted messages (checkpoints every %d entries,"
                            + " anchor file); accept p99 with checkpoints every %d entries, %d writers:%n",
                    MessageLogConfig.DEFAULT_CHECKPOINT_EVERY_ENTRIES,
                    StoreBenchmark.LATENCY_CHECKPOINT_EVERY_ENTRIES,
                    threads);
            String growth = "%-16s | %8s | %14s | %12s | %11s | %14s | %s%n";
            System.out.printf(
                    Locale.ROOT,
                    growth,
                    "database",
                    "entries",
                    "log+cp bytes",
                    "anchor bytes",
                    "checkpoints",
                    "p99 no TSA",
                    "p99 TSA hangs");
            for (StoreBenchmark.Result r : results) {
                StoreBenchmark.LogFigures f = r.log();
                System.out.printf(
                        Locale.ROOT,
                        growth,
                        r.database(),
                        String.format(Locale.ROOT, "%.0f", f.entries()),
                        String.format(Locale.ROOT, "%.0f", f.logBytes()),
                        String.format(Locale.ROOT, "%.0f", f.anchorBytes()),
                        String.format(Locale.ROOT, "%.1f", f.checkpoints()),
                        String.format(Locale.ROOT, "%.1f ms", f.p99NoTsaMillis()),
                        String.format(
                                Locale.ROOT,
                                "%.1f ms (%d unstamped)",
                                f.p99HangingTsaMillis(),
                                f.unstampedWhileHanging()));
            }
        }
    }

    @Command(
            name = "exchange",
            mixinStandardHelpOptions = true,
            description = "The gateway's full inbound path against a bare CXF+WSS4J baseline on the same transport"
                    + " and against the crypto floor, at C = 1, 4, 16 keep-alive TLS connections, alternating rounds;"
                    + " then p99 in an open-loop run at half the gateway's maximum, and outbound deliveries to a"
                    + " partner gateway. Prints one table and writes target/bench/exchange.json.")
    static final class ExchangeBench implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "3", description = "Rounds (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--messages",
                defaultValue = "600",
                description =
                        "Messages per measurement at C > 1, a quarter of that at C = 1 (default ${DEFAULT-VALUE}).")
        int messages;

        @Option(
                names = "--concurrency",
                defaultValue = "1,4,16",
                split = ",",
                description = "Connection counts (default ${DEFAULT-VALUE}); the largest is the one of the ratios.")
        List<Integer> concurrency;

        @Option(
                names = "--open-loop-seconds",
                defaultValue = "15",
                description = "Length of the open-loop run (default ${DEFAULT-VALUE}).")
        int openLoopSeconds;

        @Option(
                names = "--outbound",
                defaultValue = "200",
                description = "Messages delivered to a partner gateway (default ${DEFAULT-VALUE}; 0 skips).")
        int outbound;

        @Option(
                names = "--jdbc-url",
                description = "A jdbc:postgresql: URL to measure the gateway on as well"
                        + " (default: MLA_TEST_POSTGRES_URL when set).")
        String jdbcUrl;

        @Option(names = "--out", description = "The JSON report (default target/bench/exchange.json).")
        Path json;

        @Override
        public Integer call() throws Exception {
            quietLogging();
            Path target = json != null
                    ? json
                    : Path.of(System.getProperty("mlagateway.home", ".")).resolve("target/bench/exchange.json");
            return new ExchangeBenchmark(
                            new ExchangeBenchmark.Options(
                                    rounds,
                                    messages,
                                    concurrency,
                                    openLoopSeconds,
                                    outbound,
                                    jdbcUrl,
                                    target.toAbsolutePath()),
                            System.out,
                            System.err)
                    .run();
        }
    }

    @Command(
            name = "large",
            mixinStandardHelpOptions = true,
            description = "One message with one document of N MB (25 by default) as an attachment part, sent to a"
                    + " receiving gateway that runs in a child JVM with -Xmx512m; reports whether it was accepted,"
                    + " the receiver's live heap, the end-to-end rate and its ratio to one core's AES-GCM + SHA-256."
                    + " With --inline: one envelope of N MB with inline documents, as before attachments.")
    static final class LargeBench implements Callable<Integer> {
        @Option(
                names = "--megabytes",
                defaultValue = "25",
                description = "Document size, or envelope size with --inline (default ${DEFAULT-VALUE}).")
        int megabytes;

        @Option(names = "--inline", description = "Documents inline in the envelope, not as attachment parts.")
        boolean inline;

        @Option(
                names = "--heap",
                defaultValue = "512m",
                description = "The child JVM's -Xmx (default ${DEFAULT-VALUE}).")
        String heap;

        @Option(
                names = "--jvm-option",
                description = "A further option of the child JVM, e.g. -XX:+UseParallelGC" + " (repeatable).")
        List<String> jvmOptions = new ArrayList<>();

        @Option(
                names = "--jdbc-url",
                description = "A jdbc:postgresql: URL: the receiving gateway stores there"
                        + " (in a schema of its own) instead of in H2.")
        String jdbcUrl;

        @Override
        public Integer call() throws Exception {
            quietLogging();
            if (!inline) {
                return LargePartsBenchmark.run(megabytes, heap, jvmOptions, jdbcUrl, System.out, System.err);
            }
            return LargeBenchmark.run(megabytes * 1_000_000L, heap, jvmOptions, jdbcUrl, System.out, System.err);
        }
    }

    @Command(
            name = "hostile",
            mixinStandardHelpOptions = true,
            description = "Floods a gateway in a child JVM (-Xmx512m, ulimit -n 1024) on loopback with large bodies"
                    + " that stall just short of their end and with idle TLS connections beyond its limit, while a"
                    + " legitimate partner keeps delivering signed messages and a probe reads /health. Bounded by"
                    + " --seconds. Prints one line: deliveries accepted, /health p99, whether the process survived.")
    static final class HostileBench implements Callable<Integer> {
        @Option(
                names = "--seconds",
                defaultValue = "40",
                description = "How long the floods last (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(
                names = "--stalled",
                defaultValue = "20",
                description = "Stalled large bodies at once (default ${DEFAULT-VALUE}).")
        int stalled;

        @Option(
                names = "--stalled-megabytes",
                defaultValue = "31.5",
                description = "Size each stalled body declares (default ${DEFAULT-VALUE}).")
        double stalledMegabytes;

        @Option(
                names = "--idle",
                defaultValue = "900",
                description = "Idle TLS connections (default ${DEFAULT-VALUE}).")
        int idle;

        @Option(
                names = "--flood-addresses",
                defaultValue = "16",
                description = "Loopback source addresses of the floods, from 127.0.0.2 (default ${DEFAULT-VALUE}).")
        int floodAddresses;

        @Option(
                names = "--legitimate",
                defaultValue = "40",
                description = "Messages the legitimate partner delivers during the flood (default ${DEFAULT-VALUE}).")
        int legitimate;

        @Option(
                names = "--heap",
                defaultValue = "512m",
                description = "The child JVM's -Xmx (default ${DEFAULT-VALUE}).")
        String heap;

        @Option(
                names = "--fd-limit",
                defaultValue = "1024",
                description = "The child's open-file limit, 0 to inherit (default ${DEFAULT-VALUE}).")
        int fdLimit;

        @Option(
                names = "--max-connections",
                description = "The external listener's maxConnections in the child"
                        + " (default: the configuration's default); a small value lets a small flood exceed it.")
        Integer maxConnections;

        @Override
        public Integer call() throws Exception {
            quietLogging();
            return new HostileBenchmark(
                            new HostileBenchmark.Options(
                                    seconds,
                                    stalled,
                                    stalledMegabytes,
                                    idle,
                                    floodAddresses,
                                    legitimate,
                                    heap,
                                    fdLimit,
                                    maxConnections),
                            System.out,
                            System.err)
                    .run();
        }
    }

    @Command(
            name = "cluster",
            mixinStandardHelpOptions = true,
            description = "KZ-GPO as several receiving nodes on one PostgreSQL behind a loopback TCP balancer, RU-GPO"
                    + " as two sending nodes delivering to them, while nodes (now and then a sender, kept down for"
                    + " 20 s) are killed with SIGKILL and started again, and the database server is restarted once."
                    + " Prints one line: delivered exactly once, kills, lost, duplicated, the longest the other"
                    + " sender took to deliver a killed sender's items, log verify.")
    static final class ClusterBench implements Callable<Integer> {
        @Option(names = "--jdbc-url", required = true, description = "The jdbc:postgresql: URL (throw-away schemas).")
        String jdbcUrl;

        @Option(names = "--nodes", defaultValue = "3", description = "Receiving nodes (default ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--kills", defaultValue = "20", description = "SIGKILLs (default ${DEFAULT-VALUE}).")
        int kills;

        @Option(names = "--messages", defaultValue = "500", description = "Messages (default ${DEFAULT-VALUE}).")
        int messages;

        @Option(
                names = "--db-restart",
                defaultValue = ClusterBenchmark.PG_RESTART,
                description = "The command that restarts the database server once, halfway; 'none' for no restart"
                        + " (default: ${DEFAULT-VALUE}).")
        String dbRestart;

        @Option(
                names = "--minutes",
                defaultValue = "15",
                description = "Gives up waiting for deliveries after this (default ${DEFAULT-VALUE}).")
        int minutes;

        @Override
        public Integer call() throws Exception {
            quietLogging();
            ClusterBenchmark.Result result = new ClusterBenchmark(
                            jdbcUrl,
                            nodes,
                            kills,
                            messages,
                            "none".equals(dbRestart) ? null : dbRestart,
                            Duration.ofMinutes(minutes),
                            Duration.ofMinutes(3),
                            System.err)
                    .run();
            System.out.println(result.line());
            return result.ok() ? 0 : 1;
        }
    }

    @Command(
            name = "as4",
            mixinStandardHelpOptions = true,
            description = "Our AS4 inbound path (/as4, durable commit) beside phase4's own AS4 receiver (in memory),"
                    + " both taking the same signed and encrypted messages at each concurrency: msg/s, p50/p99 and"
                    + " the ratio. phase4 runs in a child JVM from the source tree's test class path"
                    + " (mvn -o test-compile).")
    static final class As4Bench implements Callable<Integer> {
        @Option(
                names = "--concurrency",
                split = ",",
                defaultValue = "1,4,16",
                description = "Concurrent connections, one run each (default ${DEFAULT-VALUE}).")
        List<Integer> concurrency;

        @Option(
                names = "--messages",
                defaultValue = "200",
                description = "Messages per run and receiver (default ${DEFAULT-VALUE}).")
        int messages;

        @Override
        public Integer call() throws Exception {
            quietLogging();
            As4Benchmark.Result result = new As4Benchmark(Launcher.home(), concurrency, messages, System.out).run();
            System.out.println(result.line());
            return result.ok() ? 0 : 1;
        }
    }

    /** Per-message INFO lines would flood the terminal (and cost time the baseline does not spend). */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger("org.mlagateway") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
