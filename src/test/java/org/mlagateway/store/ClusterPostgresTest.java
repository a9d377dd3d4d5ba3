package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.security.LogCheckpointing;

/**
 * Several nodes on one PostgreSQL, each a store of its own in this JVM, in a schema of this test
 * ({@code storage.schema}): their appends make one chain, and one node at a time writes the
 * checkpoints, another taking over when it stops.
 */
class ClusterPostgresTest {
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    private final List<Store> open = new ArrayList<>();
    private String url;
    private String schema;

    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(ClusterPostgresTest.class);
    }

    private StorageConfig storage() {
        Assumptions.assumeTrue(System.getenv(TestDatabase.POSTGRES_ENV) != null, TestDatabase.SKIP_NOTICE);
        if (schema == null) {
            url = System.getenv(TestDatabase.POSTGRES_ENV);
            schema = "t_"
                    + UUID.randomUUID()
                            .toString()
                            .replace("-", "")
                            .substring(0, 16)
                            .toLowerCase(Locale.ROOT);
        }
        // No currentSchema in the URL: storage.schema alone puts the tables there (and creates it).
        return new StorageConfig(Path.of("unused"), url, null, null, 8).inSchema(schema);
    }

    private Store node(String nodeId) {
        Checkpointing checkpointing =
                LogCheckpointing.of(5, Duration.ofHours(1), LogKeys.get().signer(), null);
        Store store = Store.open(storage(), Clock.systemUTC(), nodeId == null ? null : checkpointing.onNode(nodeId));
        open.add(store);
        return store;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        open.forEach(Store::close);
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void storageSchema_holdsEveryTable_andFlywaysHistory() throws SQLException {
        node(null).append(List.of(event(0)));
        assertEquals(
                1,
                count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name = 'flyway_schema_history'"));
        assertEquals(1, count("SELECT COUNT(*) FROM " + schema + ".message_log"));
        assertEquals(
                1,
                count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name = 'node_leases'"));
    }

    @Test
    void twoNodesAppendingAtOnce_makeOneChain_withoutForkOrGap() throws Exception {
        Store a = node(null);
        Store b = node(null);
        int threads = 4;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
        List<Future<?>> done = new ArrayList<>();
        for (Store s : List.of(a, b)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        s.append(List.of(event(i), event(i)));
                    }
                }));
            }
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        long total = 2L * threads * perThread * 2;
        assertEquals(total, a.logHeadSeq());
        assertEquals(total, count("SELECT COUNT(*) FROM " + schema + ".message_log"));
        assertEquals(total, count("SELECT COUNT(DISTINCT prev_hash) FROM " + schema + ".message_log"));
        VerifyReport report = b.verify(1, ProgressListener.NONE);
        assertTrue(report.ok(), report::toString);
        assertEquals(total, report.entriesChecked());
    }

    @Test
    void oneNodeWritesTheCheckpoints_andAnotherTakesOverWhenItStops() throws SQLException {
        Store a = node("node-a");
        await("node-a to hold the checkpoint lease", () -> "node-a".equals(holder()));
        Store b = node("node-b");
        for (int i = 0; i < 12; i++) {
            b.append(List.of(event(i)));
        }
        // node-b appended, but node-a, which leads, signs: it reads the head on every tick.
        await("node-a to checkpoint node-b's entries", () -> maxCheckpoint() >= 10);
        assertEquals("node-a", holder());

        a.close();
        open.remove(a);
        long before = maxCheckpoint();
        for (int i = 0; i < 12; i++) {
            b.append(List.of(event(i)));
        }
        await("node-b to take over", () -> "node-b".equals(holder()) && maxCheckpoint() > before);
        VerifyReport report = b.verify(1, ProgressListener.NONE);
        assertTrue(report.ok(), report::toString);
    }

    private static LogEvent event(int i) {
        return LogEvent.of("note", null, null, "cluster-test", Map.of("i", i));
    }

    private String holder() {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT holder, lease_until FROM " + schema + ".node_leases WHERE name = 'checkpointer'")) {
            rs.next();
            long until = rs.getLong(2);
            return until > System.currentTimeMillis() * 1000 ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long maxCheckpoint() {
        try {
            return count("SELECT COALESCE(MAX(seq), 0) FROM " + schema + ".log_checkpoints");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what)
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(condition);
    }
}
