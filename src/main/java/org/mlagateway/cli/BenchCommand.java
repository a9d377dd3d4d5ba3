package org.mlagateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mlagateway.config.StorageConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks. Not part of the test suite, which runs only a tiny smoke run. */
@Command(name = "bench", description = "Benchmarks.", subcommands = BenchCommand.StoreBench.class,
        mixinStandardHelpOptions = true)
final class BenchCommand extends GroupCommand {

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Accepted messages per second (one transaction each, 20 KB, several writers) and log"
                    + " verification entries per second, on embedded H2 and, when a URL is given or"
                    + " MLA_TEST_POSTGRES_URL is set, on PostgreSQL (in a throw-away schema).")
    static final class StoreBench implements Callable<Integer> {
        @Option(names = "--jdbc-url", description = "A jdbc:postgresql: URL to benchmark as well.")
        String jdbcUrl;

        @Option(names = "--messages", defaultValue = "2000", description = "Messages to accept (default ${DEFAULT-VALUE}).")
        int messages;

        @Option(names = "--entries", defaultValue = "1000000", description = "Log size to verify (default ${DEFAULT-VALUE}).")
        long entries;

        @Option(names = "--threads", defaultValue = "4", description = "Writer threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() throws Exception {
            List<StoreBenchmark.Result> results = new ArrayList<>();
            Path dir = Files.createTempDirectory("mla-bench-");
            try {
                System.err.println("bench store: H2 ...");
                results.add(StoreBenchmark.run("H2 (embedded)", new StorageConfig(dir, null, null, null, threads + 2),
                        messages, entries, threads));
            } finally {
                delete(dir);
            }
            String postgres = jdbcUrl != null ? jdbcUrl : System.getenv("MLA_TEST_POSTGRES_URL");
            if (postgres != null) {
                System.err.println("bench store: PostgreSQL ...");
                results.add(StoreBenchmark.onPostgres(postgres, messages, entries, threads));
            }
            print(results);
            return results.stream().allMatch(r -> r.verdict().equals("OK")) ? 0 : 1;
        }

        private void print(List<StoreBenchmark.Result> results) {
            System.out.printf(Locale.ROOT, "store benchmark: %d messages of %d KB accepted by %d threads;"
                    + " log of %d entries%n", messages, StoreBenchmark.DOCUMENT_BYTES / 1024, threads, entries);
            String format = "%-16s | %14s | %18s | %18s | %s%n";
            System.out.printf(Locale.ROOT, format, "database", "accepted msg/s", "log appends/s", "log verify/s", "chain");
            for (StoreBenchmark.Result r : results) {
                System.out.printf(Locale.ROOT, format, r.database(), String.format(Locale.ROOT, "%.1f", r.acceptPerSecond()),
                        String.format(Locale.ROOT, "%.0f", r.appendPerSecond()),
                        String.format(Locale.ROOT, "%.0f", r.verifyPerSecond()), r.verdict());
            }
        }

        private static void delete(Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
