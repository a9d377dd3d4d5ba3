package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.security.FailoverTimeStamper;
import org.mlagateway.security.HttpTimeStamper;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.testing.TestTsa;
import org.mlagateway.testing.TestTsa.Mode;

/**
 * Checkpoints are signed and time-stamped off the commit path: a time-stamping authority that hangs, is
 * down or answers garbage delays no write; its checkpoints are kept signed, counted as unstamped, and
 * stamped once an authority answers again (retries after 100 ms here, doubling to 400 ms). The next
 * authority in the list stamps when the first fails. The time rule fires on a timer without commits.
 */
class LogStampingTest extends StoreContract {
    /** Far above what a write takes here, far below the hanging authority's deadline. */
    private static final Duration WRITES_WITHIN = Duration.ofSeconds(20);

    private static final Duration TSA_DEADLINE = Duration.ofSeconds(40);
    private static TestTsa tsa;
    private static TestTsa backup;

    @BeforeAll
    static void authorities() throws Exception {
        tsa = new TestTsa(LogKeys.get().timestamping);
        backup = new TestTsa(LogKeys.get().timestamping);
    }

    @AfterAll
    static void stopAuthorities() {
        tsa.close();
        backup.close();
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }

    private Checkpointing stampingBy(Duration deadline, TestTsa... authorities) {
        List<HttpTimeStamper> stampers = java.util.Arrays.stream(authorities)
                .map(a ->
                        new HttpTimeStamper(a.url(), LogKeys.get().timestamping.certificate(), deadline))
                .toList();
        return LogCheckpointing.of(5, Duration.ofHours(1), LogKeys.get().signer(), new FailoverTimeStamper(stampers))
                .withStampRetry(Duration.ofMillis(100), Duration.ofMillis(400))
                .withAnchorFiles(List.of(tmp.resolve("anchor").resolve("log-anchor.txt")));
    }

    private void reopenWith(Checkpointing checkpointing) {
        store.close();
        store = Store.open(db.config(), clock, checkpointing);
    }

    /** Appends one entry per commit; all of them together must finish well within the authority's deadline. */
    private void appendQuickly(int n) {
        long started = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            store.append(List.of(MessageLogContract.event(i)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(WRITES_WITHIN) < 0, n + " appends took " + took);
        assertTrue(store.awaitCheckpoints(WRITES_WITHIN), "checkpoints not signed within " + WRITES_WITHIN);
    }

    private long stamped() {
        return count("SELECT COUNT(*) FROM log_checkpoints WHERE timestamp_token IS NOT NULL");
    }

    private void awaitAllStamped(long checkpoints) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> stamped() == checkpoints && store.stampingStatus().unstamped() == 0);
        assertTrue(store.verify(1, ProgressListener.NONE).ok());
    }

    @Test
    void aHangingTsa_delaysNoWrite_andTheBacklogIsStampedWhenItAnswersAgain() {
        tsa.mode(Mode.HANG);
        reopenWith(stampingBy(TSA_DEADLINE, tsa));

        appendQuickly(20);

        assertEquals(4, count("SELECT COUNT(*) FROM log_checkpoints"));
        assertEquals(0, stamped());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tsa.received.get() >= 1);
        tsa.mode(Mode.ANSWER);
        awaitAllStamped(4);
    }

    @Test
    void aTsaThatIsDown_delaysNoWrite_showsTheBacklog_andStampsItWhenItIsBack() throws Exception {
        tsa.mode(Mode.ANSWER).down();
        try {
            reopenWith(stampingBy(TSA_DEADLINE, tsa));

            appendQuickly(20);

            assertEquals(0, stamped());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> store.stampingStatus().unstamped() == 4);
            StampingStatus status = store.stampingStatus();
            assertTrue(status.timeStamping());
            assertEquals(START, status.oldestUnstampedAt());
            assertNull(status.newestStampedAt());
        } finally {
            tsa.up();
        }
        awaitAllStamped(4);
        assertEquals(START, store.stampingStatus().newestStampedAt());
    }

    @Test
    void aTsaAnsweringGarbage_delaysNoWrite_andTheBacklogIsStampedWhenItAnswersAgain() {
        tsa.mode(Mode.GARBAGE);
        reopenWith(stampingBy(TSA_DEADLINE, tsa));

        appendQuickly(10);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tsa.received.get() >= 2);
        assertEquals(0, stamped());
        tsa.mode(Mode.ANSWER);
        awaitAllStamped(2);
    }

    @Test
    void whenTheFirstTsaFails_theNextInTheListStamps() {
        tsa.mode(Mode.HANG);
        int backupGranted = backup.answered.get();
        reopenWith(stampingBy(Duration.ofSeconds(1), tsa, backup.mode(Mode.ANSWER)));

        appendQuickly(10);

        awaitAllStamped(2);
        assertEquals(2, backup.answered.get() - backupGranted);
        assertTrue(tsa.received.get() >= 1);
        tsa.mode(Mode.ANSWER);
    }

    @Test
    void signedAndStampedCheckpoints_areAppendedToTheAnchorFile() throws Exception {
        tsa.mode(Mode.ANSWER);
        reopenWith(stampingBy(TSA_DEADLINE, tsa));

        appendQuickly(10);
        awaitAllStamped(2);

        List<AnchorFile.Anchor> anchors = AnchorFile.read(tmp.resolve("anchor").resolve("log-anchor.txt"));
        assertEquals(
                List.of(5L, 5L, 10L, 10L),
                anchors.stream().map(a -> a.checkpoint().seq()).sorted().toList());
        assertEquals(
                2,
                anchors.stream()
                        .filter(a -> a.checkpoint().timestampToken() != null)
                        .count());
        assertTrue(store.verifyAnchors(anchors).ok());
    }

    @Test
    void anAnchorFileThatCannotBeWritten_isReported_andCaughtUpWhenItCanAgain() throws Exception {
        Files.writeString(tmp.resolve("anchor"), "a file where the anchor directory should be");
        reopenWith(stampingBy(TSA_DEADLINE, tsa.mode(Mode.ANSWER)));

        appendQuickly(5);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !store.stampingStatus()
                .anchorOk());
        Files.delete(tmp.resolve("anchor"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> store.stampingStatus()
                .anchorOk());
        assertEquals(
                List.of(5L),
                AnchorFile.read(tmp.resolve("anchor").resolve("log-anchor.txt")).stream()
                        .map(a -> a.checkpoint().seq())
                        .distinct()
                        .toList());
    }

    @Test
    void theTimeRule_firesOnATimer_withoutAnotherCommit() {
        store.close();
        store = Store.open(
                db.config(),
                Clock.systemUTC(),
                LogCheckpointing.of(1000, Duration.ofMillis(300), LogKeys.get().signer(), null));

        store.append(List.of(MessageLogContract.event(1), MessageLogContract.event(2)));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COUNT(*) FROM log_checkpoints WHERE seq = 2") == 1);
        assertFalse(store.stampingStatus().timeStamping());
    }
}
