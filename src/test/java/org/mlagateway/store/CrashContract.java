package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.security.pki.PkiFiles;

/**
 * A killed process loses nothing: a child JVM writes under load and is killed with SIGKILL at a
 * random point, ten times, on the same database. Afterwards every acknowledged message is there
 * exactly once, every acknowledged ack stuck, no queue item is lost, and the chain verifies.
 */
abstract class CrashContract extends StoreContract {
    private static final int ROUNDS = 10;
    private static final Duration ROUND_DEADLINE = Duration.ofSeconds(60);

    @Override
    Checkpointing checkpointing() {
        return LogCheckpointing.of(25, Duration.ofHours(1), LogKeys.get().signer(), null);
    }

    @Test
    void killedTenTimesUnderLoad_losesNothingThatWasAcknowledged() throws Exception {
        store.close();
        store = null;
        Path key = tmp.resolve("signing.p12");
        PkiFiles.writePkcs12(key, "signing", LogKeys.get().signing, "crash-test".toCharArray());
        long seed = new Random().nextLong();
        System.out.println("crash test seed " + seed);
        Random random = new Random(seed);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<Long> done = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < ROUNDS; round++) {
            runAndKill(round, key, 5 + random.nextInt(60), acked, done);
        }

        System.out.println("crash test: " + acked.size() + " acknowledged messages and " + done.size()
                + " acknowledged acks over " + ROUNDS + " kills");
        store = Store.open(db.config(), Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), checkpointing());
        Map<String, Integer> stored = messageIdCounts();
        for (String id : acked) {
            assertEquals(1, stored.getOrDefault(id, 0), "acknowledged message " + id);
        }
        assertEquals(count("SELECT COUNT(*) FROM messages"), count("SELECT COUNT(*) FROM queue_items"));
        assertEquals(
                0,
                count("SELECT COUNT(*) FROM messages m WHERE NOT EXISTS"
                        + " (SELECT 1 FROM queue_items q WHERE q.message_pk = m.pk)"));
        for (long id : done) {
            assertEquals(QueueItem.State.DONE, store.queueItem(id).orElseThrow().state(), "acked item " + id);
        }
        VerifyReport report = store.verify(1, ProgressListener.NONE);
        assertTrue(report.ok(), report::toString);
        assertTrue(report.entriesChecked() >= 3L * acked.size(), report::toString);
        long open = count("SELECT COUNT(*) FROM queue_items WHERE state <> 'DONE'");
        assertEquals(open, claimAllConcurrently());
    }

    private void runAndKill(int round, Path key, int acksBeforeKill, Set<String> acked, Set<Long> done)
            throws Exception {
        Path errors = tmp.resolve("child-" + round + ".err");
        String url = db.config().jdbcUrl() == null ? "-" : db.config().jdbcUrl();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashChild.class.getName(),
                        db.config().dataDir().toString(),
                        url,
                        key.toString(),
                        "crash-test")
                .redirectError(errors.toFile())
                .start();
        CountDownLatch enough = new CountDownLatch(1);
        AtomicInteger acksThisRound = new AtomicInteger();
        List<String> verified = new ArrayList<>();
        Thread reader = new Thread(() -> read(child, line -> {
            if (line.startsWith("ACK ")) {
                acked.add(line.substring(4));
                if (acksThisRound.incrementAndGet() >= acksBeforeKill) {
                    enough.countDown();
                }
            } else if (line.startsWith("DONE ")) {
                done.add(Long.parseLong(line.substring(5)));
            } else if (line.startsWith("VERIFY ")) {
                verified.add(line);
            }
        }));
        reader.start();
        boolean reached = enough.await(ROUND_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves stdout readable
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(
                reached,
                () -> "round " + round + ": child printed only " + acksThisRound.get()
                        + " acks before the deadline; its stderr ends: " + tail(errors));
        assertTrue(verified.get(0).startsWith("VERIFY OK"), "round " + round + ": " + verified.get(0));
    }

    private static String tail(Path file) {
        try {
            String text = java.nio.file.Files.readString(file);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void read(Process child, java.util.function.Consumer<String> onLine) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                onLine.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Integer> messageIdCounts() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT message_id FROM messages")) {
            while (rs.next()) {
                counts.merge(rs.getString(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Four claimers take every open item (leases left by the killed child have expired). */
    private long claimAllConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String owner = "final-" + t;
            futures.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                List<QueueItem> batch;
                while (!(batch = store.claim(Queue.FORWARDING, null, owner, 5, Duration.ofMinutes(5))).isEmpty()) {
                    batch.forEach(i -> mine.add(i.id()));
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(all.size(), new HashSet<>(all).size(), "an item was claimed twice");
        return all.size();
    }
}
