package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mlagateway.security.HttpTimeStamper;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.store.VerifyReport.Kind;
import org.mlagateway.testing.TestTsa;

abstract class MessageLogContract extends StoreContract {
    private Checkpointing checkpointing =
            LogCheckpointing.of(10, Duration.ofHours(1), LogKeys.get().signer(), null);

    @Override
    Checkpointing checkpointing() {
        return checkpointing;
    }

    static LogEvent event(int n) {
        return LogEvent.of("translated", "m-" + n, "c-" + (n % 3), "translator-" + (n % 4), Map.of("n", n));
    }

    void appendOneByOne(int n) {
        for (int i = 1; i <= n; i++) {
            store.append(List.of(event(i)));
        }
        settle();
    }

    /** Waits until the checkpoint worker has signed (and tried to stamp) every checkpoint due so far. */
    void settle() {
        assertTrue(store.awaitCheckpoints(Duration.ofSeconds(60)), "checkpoints not written within 60 s");
    }

    @Test
    void concurrentAppends_stayLinearAndGapFree_andTheChainVerifies() throws Exception {
        int threads = 16;
        int each = 200;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    store.append(List.of(event(thread * each + i)));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();
        settle();

        long total = (long) threads * each;
        assertEquals(total, count("SELECT COUNT(*) FROM message_log"));
        assertEquals(1, count("SELECT MIN(seq) FROM message_log"));
        assertEquals(total, count("SELECT MAX(seq) FROM message_log"));
        assertEquals(total, count("SELECT seq FROM log_head"));
        VerifyReport report = store.verify(1, ProgressListener.NONE);
        assertTrue(report.ok(), report::toString);
        assertEquals(total, report.entriesChecked());
        assertEquals(count("SELECT COUNT(*) FROM log_checkpoints"), report.checkpointsChecked());
        assertTrue(report.checkpointsChecked() >= 10, "checkpoints written: " + report.checkpointsChecked());
    }

    @Test
    void checkpoints_areWrittenEveryNEntries_andVerify() {
        appendOneByOne(25);

        VerifyReport report = store.verify(1, ProgressListener.NONE);

        assertEquals(new VerifyReport(1, 25, 2, 25, java.util.Optional.empty()), report);
        assertEquals(30, count("SELECT SUM(seq) FROM log_checkpoints"));
    }

    @Test
    void aCheckpoint_isAlsoWrittenWhenTheIntervalHasPassed() {
        appendOneByOne(3);
        clock.advance(Duration.ofHours(1));

        store.append(List.of(event(4)));
        settle();

        assertEquals(4, count("SELECT MAX(seq) FROM log_checkpoints"));
    }

    @Test
    void aBatchAppend_getsConsecutiveSeqsLinkedByHash() {
        List<LogEntry> entries = store.append(List.of(event(1), event(2), event(3)));

        assertEquals(List.of(1L, 2L, 3L), entries.stream().map(LogEntry::seq).toList());
        assertEquals(LogHash.GENESIS, entries.get(0).prevHash());
        assertEquals(entries.get(0).hash(), entries.get(1).prevHash());
        assertEquals(entries.get(2).recomputeHash(), entries.get(2).hash());
        assertEquals(START, entries.get(0).at());
    }

    @Test
    void verify_fromALaterSeq_checksOnlyTheRest_andReportsProgress() {
        appendOneByOne(25);
        List<long[]> calls = new ArrayList<>();

        VerifyReport report = store.verify(11, (checked, last, end) -> calls.add(new long[] {checked, last, end}));

        assertTrue(report.ok());
        assertEquals(15, report.entriesChecked());
        assertEquals(1, report.checkpointsChecked());
        assertArrayEquals(new long[] {15, 25, 25}, calls.get(calls.size() - 1));
    }

    @Test
    void checkpoints_withATimeStamp_verifyAgainstTheTsa() throws Exception {
        try (TestTsa tsa = new TestTsa(LogKeys.get().timestamping)) {
            reopenWith(LogCheckpointing.of(
                    10,
                    Duration.ofHours(1),
                    LogKeys.get().signer(),
                    new HttpTimeStamper(tsa.url(), LogKeys.get().timestamping.certificate(), Duration.ofSeconds(10))));
            appendOneByOne(20);
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> count("SELECT COUNT(*) FROM log_checkpoints WHERE timestamp_token IS NOT NULL") == 2);

            assertEquals(2, tsa.answered.get());
            assertEquals(2, count("SELECT COUNT(*) FROM log_checkpoints WHERE timestamp_token IS NOT NULL"));
            assertTrue(store.verify(1, ProgressListener.NONE).ok());
            sql("UPDATE log_checkpoints SET timestamp_token = (SELECT timestamp_token FROM log_checkpoints"
                    + " WHERE seq = 10)"
                    + " WHERE seq = 20");
            VerifyReport swapped = store.verify(1, ProgressListener.NONE);
            assertEquals(
                    new VerifyReport.Problem(
                            20, Kind.BAD_CHECKPOINT, "time-stamp imprint does not match the checkpoint"),
                    swapped.problem().orElseThrow());
        }
    }

    @Test
    void anUnreachableTsa_stillLeavesASignedCheckpoint_andTheWriteSucceeds() {
        reopenWith(LogCheckpointing.of(
                5,
                Duration.ofHours(1),
                LogKeys.get().signer(),
                new HttpTimeStamper(
                        URI.create("http://127.0.0.1:1/tsa"),
                        LogKeys.get().timestamping.certificate(),
                        Duration.ofSeconds(2))));

        appendOneByOne(5);

        assertEquals(5, count("SELECT seq FROM log_checkpoints"));
        assertEquals(0, count("SELECT COUNT(*) FROM log_checkpoints WHERE timestamp_token IS NOT NULL"));
        assertTrue(store.verify(1, ProgressListener.NONE).ok());
    }

    @Test
    void aCheckpointSignedByAnotherAuthority_isBad() {
        reopenWith(LogCheckpointing.of(
                10,
                Duration.ofHours(1),
                new org.mlagateway.security.KeyStoreChainSigner(LogKeys.get().strangerSigning),
                null));
        appendOneByOne(10);
        reopenWith(LogCheckpointing.of(10, Duration.ofHours(1), LogKeys.get().signer(), null));

        VerifyReport report = store.verify(1, ProgressListener.NONE);

        assertEquals(
                new VerifyReport.Problem(
                        10, Kind.BAD_CHECKPOINT, "checkpoint signer does not chain to the gateway's trusted root"),
                report.problem().orElseThrow());
    }

    @Test
    void aCheckpointWithAChangedTime_failsItsSignature() {
        appendOneByOne(12);
        sql("UPDATE log_checkpoints SET at_micros = at_micros + 1 WHERE seq = 10");

        VerifyReport report = store.verify(1, ProgressListener.NONE);

        assertEquals(
                new VerifyReport.Problem(10, Kind.BAD_CHECKPOINT, "checkpoint signature does not verify"),
                report.problem().orElseThrow());
        assertEquals(10, report.entriesChecked());
    }

    @Test
    void checkpointNow_signsTheCurrentHead_andWithoutCheckpointingDoesNothing() {
        appendOneByOne(3);
        assertEquals(java.util.Optional.of(3L), store.checkpoint());
        reopenWith(null);
        assertEquals(java.util.Optional.empty(), store.checkpoint());
        assertEquals(1, store.verify(1, ProgressListener.NONE).checkpointsChecked());
    }

    /**
     * A store with v1 entries (schema version 5, as before log encoding v2), upgraded: the
     * migration records that v2 begins after its head, later entries are v2, a checkpoint covers
     * both, and the whole log verifies; an altered field of either encoding is still caught.
     */
    @Test
    void aStoreWithV1Entries_upgradedToV2_verifies_andAlteredFieldsOfBothEncodingsAreCaught() throws Exception {
        try (TestDatabase old = newDatabase(tmp.resolve("old"))) {
            V1Entries.write(old, 6);
            try (Store upgraded = Store.open(old.config(), clock, checkpointing)) {
                assertEquals(7, upgraded.logV2FromSeq());
                for (int n = 7; n <= 14; n++) {
                    upgraded.append(List.of(event(n)));
                }
                assertEquals(LogEncoding.V1, upgraded.timeline("m-6").get(0).encoding());
                assertEquals(LogEncoding.V2, upgraded.timeline("m-7").get(0).encoding());
                assertTrue(upgraded.awaitCheckpoints(Duration.ofSeconds(60)));
                assertEquals(
                        new VerifyReport(1, 14, 1, 14, java.util.Optional.empty()),
                        upgraded.verify(1, ProgressListener.NONE));

                try (Connection c = old.connect();
                        Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE message_log SET actor = 'mallory' WHERE seq = 9");
                    assertEquals(
                            new VerifyReport.Problem(9, Kind.ALTERED, "fields do not match the stored hash"),
                            upgraded.verify(1, ProgressListener.NONE).problem().orElseThrow());
                    s.executeUpdate("UPDATE message_log SET actor = 'mallory' WHERE seq = 3");
                    assertEquals(
                            new VerifyReport.Problem(3, Kind.ALTERED, "fields do not match the stored hash"),
                            upgraded.verify(1, ProgressListener.NONE).problem().orElseThrow());
                }
            }
        }
    }

    @Test
    void aNewStore_isInV2FromTheFirstEntry() {
        assertEquals(1, store.logV2FromSeq());
        List<LogEntry> entries = store.append(List.of(event(1)));
        assertEquals(LogEncoding.V2, entries.get(0).encoding());
        assertEquals(
                LogEncoding.link(LogHash.GENESIS, entries.get(0).digest()),
                entries.get(0).hash());
    }

    void reopenWith(Checkpointing newCheckpointing) {
        checkpointing = newCheckpointing;
        reopen();
    }
}
