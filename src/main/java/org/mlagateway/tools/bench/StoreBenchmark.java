package org.mlagateway.tools.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
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
 * Synthetic data only.
 */
public final class StoreBenchmark {
    public static final int DOCUMENT_BYTES = 20 * 1024;
    private static final int APPEND_BATCH = 1000;

    public record Result(String database, int messages, double acceptPerSecond, long entries, double appendPerSecond,
                  double verifyPerSecond, String verdict) {
    }

    private StoreBenchmark() {
    }

    public static Result run(String name, StorageConfig storage, int messages, long entries, int threads) throws Exception {
        try (Store store = Store.open(storage, Clock.systemUTC())) {
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
            return new Result(name, messages, accept, report.entriesChecked(), append, verify,
                    report.ok() ? "OK" : "BAD at seq " + report.problem().orElseThrow().seq());
        }
    }

    /** Runs the benchmark in a fresh schema of the PostgreSQL database, dropped afterwards. */
    public static Result onPostgres(String url, int messages, long entries, int threads) throws Exception {
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, "CREATE SCHEMA " + schema);
        try {
            String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return run("PostgreSQL", new StorageConfig(null, scoped, null, null, threads + 2), messages, entries, threads);
        } finally {
            execute(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static double accept(Store store, int messages, int threads) throws Exception {
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
                    store.accept(message(template, document));
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
        MessageCodec codec = MessageCodec.create(new MessageCodec.Limits(limits.maxEnvelopeBytes(),
                limits.maxXmlDepth(), limits.maxDocuments()));
        return codec.summarize(new ExampleMessages(codec).example("mla-request.xml"));
    }

    private static IncomingMessage message(MessageSummary template, byte[] document) {
        UUID id = UUID.randomUUID();
        byte[] xml = ("<msg:Message id=\"" + id + "\">benchmark</msg:Message>").getBytes(StandardCharsets.UTF_8);
        return IncomingMessage.received(template.withIdentity(id, id, null, OffsetDateTime.now(ZoneOffset.UTC)),
                "BENCH-PARTNER", xml, xml, List.of(new DocumentData("doc-1", "request", "ru", "application/pdf",
                        document, null)), Routing.to(Queue.FORWARDING, "BENCH-BODY", 5));
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

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
