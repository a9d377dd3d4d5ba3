package org.mlagateway.tools.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.KekConfig;
import org.mlagateway.config.LimitsConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.store.DocumentData;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.Queue;
import org.mlagateway.store.Routing;
import org.mlagateway.store.Store;
import org.mlagateway.store.VerifyReport;

/**
 * Measures one database: the one-transaction accept path with 20 KB messages from several writer
 * threads, then filling the log to a given size with batched appends, then verifying all of it.
 * Then, on fresh stores that sign checkpoints as a gateway does: how much the log grows per 1,000
 * accepted messages (entries, bytes on disk of the log and checkpoint tables, anchor file bytes),
 * and the accept latency p99 with a time-stamping authority that never answers next to that with
 * none (checkpoints every {@value #LATENCY_CHECKPOINT_EVERY_ENTRIES} entries, so that many are due during
 * the run). Synthetic data only.
 */
public final class StoreBenchmark {
    public static final int DOCUMENT_BYTES = 20 * 1024;
    private static final int APPEND_BATCH = 1000;

    public static final int LATENCY_CHECKPOINT_EVERY_ENTRIES = 50;
    /** The hanging authority's deadline: an accept that waited for it would take at least this long. */
    static final Duration TSA_DEADLINE = Duration.ofSeconds(10);

    public record Result(
            String database,
            int messages,
            double acceptPerSecond,
            long entries,
            double appendPerSecond,
            double verifyPerSecond,
            String verdict,
            LogFigures log) {}

    /**
     * Per 1,000 accepted messages: log entries, bytes on disk of the log and checkpoint tables (with
     * their indexes), anchor file bytes and checkpoints; then accept p99 without a TSA and with one
     * that hangs, in milliseconds.
     */
    public record LogFigures(
            double entries,
            double logBytes,
            double anchorBytes,
            double checkpoints,
            double p99NoTsaMillis,
            double p99HangingTsaMillis,
            long unstampedWhileHanging) {}

    private StoreBenchmark() {}

    /**
     * {@code fresh} opens another empty store on the same kind of database each time it is called (for
     * the log figures).
     */
    public static Result run(
            String name,
            StorageConfig storage,
            int messages,
            long entries,
            int threads,
            Supplier<StorageConfig> fresh,
            Path scratch)
            throws Exception {
        Result plain = run(name, storage, messages, entries, threads);
        return new Result(
                plain.database(),
                plain.messages(),
                plain.acceptPerSecond(),
                plain.entries(),
                plain.appendPerSecond(),
                plain.verifyPerSecond(),
                plain.verdict(),
                LogGrowth.measure(fresh, scratch, messages, threads));
    }

    public static Result run(String name, StorageConfig storage, int messages, long entries, int threads)
            throws Exception {
        Clock clock = Clock.systemUTC();
        try (Store store =
                Store.open(storage, clock, null, storage.kek() == null ? null : AtRest.sealing(storage, clock))) {
            double accept = accept(store, messages, threads);
            long present = store.verify(1, null).headSeq();
            long start = System.nanoTime();
            for (long seq = present; seq < entries; seq += APPEND_BATCH) {
                store.append(batch(seq, (int) Math.min(APPEND_BATCH, entries - seq)));
            }
            double append = perSecond(Math.max(0, entries - present), start);
            start = System.nanoTime();
            VerifyReport report = store.verify(1, null);
            double verify = perSecond(report.entriesChecked(), start);
            return new Result(
                    name,
                    messages,
                    accept,
                    report.entriesChecked(),
                    append,
                    verify,
                    report.ok()
                            ? "OK"
                            : "BAD at seq " + report.problem().orElseThrow().seq(),
                    null);
        }
    }

    /** Runs the benchmark in a fresh schema of the PostgreSQL database, dropped afterwards. */
    public static Result onPostgres(String url, int messages, long entries, int threads, Path scratch)
            throws Exception {
        return onPostgres(url, messages, entries, threads, scratch, null);
    }

    /**
     * As {@link #onPostgres(String, int, long, int, Path)}; encrypted at rest under {@code kek} when it is
     * given (then without the log figures, which do not depend on it).
     */
    public static Result onPostgres(String url, int messages, long entries, int threads, Path scratch, KekConfig kek)
            throws Exception {
        List<String> schemas = new ArrayList<>();
        Supplier<StorageConfig> fresh = () -> {
            String schema =
                    "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try {
                execute(url, "CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a benchmark schema", e);
            }
            schemas.add(schema);
            String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new StorageConfig(null, scoped, null, null, threads + 2, kek);
        };
        try {
            return kek == null
                    ? run("PostgreSQL", fresh.get(), messages, entries, threads, fresh, scratch)
                    : run("PostgreSQL, KEK", fresh.get(), messages, entries, threads);
        } finally {
            for (String schema : schemas) {
                execute(url, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    static double accept(Store store, int messages, int threads) throws Exception {
        return accept(store, messages, threads, null);
    }

    /** Accepts {@code messages} with {@code threads} writers; records each accept's nanoseconds when given a list. */
    static double accept(Store store, int messages, int threads, List<Long> latencies) throws Exception {
        byte[] document = new byte[DOCUMENT_BYTES];
        for (int i = 0; i < document.length; i++) {
            document[i] = (byte) (i * 7);
        }
        MessageSummary template = template();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (next.getAndIncrement() < messages) {
                    long began = System.nanoTime();
                    store.accept(message(template, document));
                    if (latencies != null) {
                        long took = System.nanoTime() - began;
                        synchronized (latencies) {
                            latencies.add(took);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double rate = perSecond(messages, start);
        pool.shutdown();
        return rate;
    }

    /** The facts every benchmark message shares: those of the example MLA request. */
    private static MessageSummary template() {
        LimitsConfig limits = LimitsConfig.defaults();
        MessageCodec codec = MessageCodec.create(
                new MessageCodec.Limits(limits.maxEnvelopeBytes(), limits.maxXmlDepth(), limits.maxDocuments()));
        return codec.summarize(new ExampleMessages(codec).example("mla-request.xml"));
    }

    private static IncomingMessage message(MessageSummary template, byte[] document) {
        UUID id = UUID.randomUUID();
        byte[] xml = ("<msg:Message id=\"" + id + "\">benchmark</msg:Message>").getBytes(StandardCharsets.UTF_8);
        return IncomingMessage.received(
                template.withIdentity(id, id, null, OffsetDateTime.now(ZoneOffset.UTC)),
                "BENCH-PARTNER",
                xml,
                xml,
                List.of(new DocumentData("doc-1", "request", "ru", "application/pdf", document, null)),
                Routing.to(Queue.FORWARDING, "BENCH-BODY", 5));
    }

    private static List<LogEvent> batch(long after, int size) {
        List<LogEvent> events = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            events.add(LogEvent.of("translated", "bench-" + (after + i), null, "bench", Map.of("n", after + i)));
        }
        return events;
    }

    private static double perSecond(long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
