package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.store.VerifyReport.Kind;
import org.mlagateway.store.VerifyReport.Problem;

/**
 * Tampering with the log by plain SQL is detected, and located: the exact first bad seq and what is
 * wrong there. The log holds 25 entries with checkpoints at 10 and 20.
 */
abstract class TamperContract extends StoreContract {
    @Override
    Checkpointing checkpointing() {
        return LogCheckpointing.of(10, Duration.ofHours(1), LogKeys.get().signer(), null);
    }

    @BeforeEach
    void writeTwentyFiveEntries() {
        for (int i = 1; i <= 25; i++) {
            store.append(List.of(LogEvent.of("translated", "m-" + i, null, "translator", Map.of("n", i))));
        }
        // Checkpoints are signed off the commit path: the ones at seq 10 and 20 are awaited, not assumed.
        assertTrue(store.awaitCheckpoints(Duration.ofSeconds(30)));
        assertTrue(store.verify(1, ProgressListener.NONE).ok());
    }

    private Problem problem() {
        return store.verify(1, ProgressListener.NONE).problem().orElseThrow(() -> new AssertionError("not detected"));
    }

    @Test
    void aChangedField_isAlteredAtThatSeq() {
        sql("UPDATE message_log SET actor = 'mallory' WHERE seq = 7");

        assertEquals(new Problem(7, Kind.ALTERED, "fields do not match the stored hash"), problem());
    }

    @Test
    void aChangedTime_isAlteredAtThatSeq() {
        sql("UPDATE message_log SET at_micros = at_micros - 1000000 WHERE seq = 1");

        assertEquals(new Problem(1, Kind.ALTERED, "fields do not match the stored hash"), problem());
    }

    @Test
    void aChangedSalt_isAlteredAtThatSeq() {
        sql("UPDATE message_log SET salt = '" + "0".repeat(32) + "' WHERE seq = 9");

        assertEquals(new Problem(9, Kind.ALTERED, "fields do not match the stored hash"), problem());
    }

    @Test
    void aV2EntryRewrittenInV1_isAlteredAtThatSeq() throws SQLException {
        LogEntry e = store.timeline("m-4").get(0);
        String v1 = LogHash.hash(4, e.atMicros(), e.event(), e.messageId(), null, e.actor(), e.details(), e.prevHash());
        sql("UPDATE message_log SET salt = NULL WHERE seq = 4");
        rewrite(4, e.actor(), v1);

        assertEquals(
                new Problem(4, Kind.ALTERED, "entry is in log encoding v1 but the log is in v2 from seq 1"), problem());
    }

    @Test
    void aMovedEncodingBoundary_isAlteredAtTheFirstEntryItMisjudges() {
        sql("UPDATE log_encoding SET v2_from_seq = 6");

        assertEquals(
                new Problem(1, Kind.ALTERED, "entry is in log encoding v2 but the log is in v2 from seq 6"), problem());
    }

    @Test
    void aChangedFieldWithItsHashRecomputed_isAlteredAtThatSeq() throws SQLException {
        LogEntry e = store.timeline("m-7").get(0);
        rewrite(
                7,
                "mallory",
                LogEncoding.V2.hash(
                        7,
                        e.atMicros(),
                        e.event(),
                        e.messageId(),
                        null,
                        "mallory",
                        e.details(),
                        e.salt(),
                        e.prevHash()));

        assertEquals(
                new Problem(7, Kind.ALTERED, "stored hash differs from the prev_hash recorded by seq 8"), problem());
    }

    @Test
    void aRewrittenChainUpToTheHead_isCaughtByTheNextCheckpoint() throws SQLException {
        String prev = store.timeline("m-6").get(0).hash();
        for (int seq = 7; seq <= 25; seq++) {
            LogEntry e = store.timeline("m-" + seq).get(0);
            String actor = seq == 7 ? "mallory" : e.actor();
            String hash = LogEncoding.V2.hash(
                    seq, e.atMicros(), e.event(), e.messageId(), null, actor, e.details(), e.salt(), prev);
            rewrite(seq, actor, hash, prev);
            prev = hash;
        }
        sql("UPDATE log_head SET hash = '" + prev + "'");

        assertEquals(
                new Problem(
                        10,
                        Kind.BAD_CHECKPOINT,
                        "checkpointed hash differs from the entry's hash (entries up to here were rewritten)"),
                problem());
    }

    @Test
    void aDeletedRow_isMissingAtThatSeq() {
        sql("DELETE FROM message_log WHERE seq = 12");

        assertEquals(new Problem(12, Kind.MISSING, "entry absent: the next stored entry is seq 13"), problem());
    }

    @Test
    void aDeletedFirstRow_isMissingAtSeqOne() {
        sql("DELETE FROM message_log WHERE seq = 1");

        assertEquals(new Problem(1, Kind.MISSING, "entry absent: the next stored entry is seq 2"), problem());
    }

    @Test
    void twoSwappedRows_areReorderedAtTheFirst() {
        swap(5, 9);

        assertEquals(new Problem(5, Kind.REORDERED, "entry stored at seq 5 was written as seq 9"), problem());
    }

    @Test
    void twoSwappedNeighbours_areReorderedAtTheFirst() {
        swap(14, 15);

        assertEquals(new Problem(14, Kind.REORDERED, "entry stored at seq 14 was written as seq 15"), problem());
    }

    @Test
    void theLastTwoRowsSwapped_areReorderedAtTheFirst() {
        swap(24, 25);

        assertEquals(new Problem(24, Kind.REORDERED, "entry stored at seq 24 was written as seq 25"), problem());
    }

    @Test
    void aTailTruncatedBelowACheckpoint_withTheHeadMovedBack_isMissingAfterTheNewEnd() {
        String hash15 = store.timeline("m-15").get(0).hash();
        sql("DELETE FROM message_log WHERE seq > 15", "UPDATE log_head SET seq = 15, hash = '" + hash15 + "'");

        assertEquals(new Problem(16, Kind.MISSING, "the log ends at seq 15 but a checkpoint names seq 20"), problem());
    }

    @Test
    void aTailTruncatedBelowTheHead_isMissingAfterTheNewEnd() {
        sql("DELETE FROM message_log WHERE seq > 22");

        assertEquals(new Problem(23, Kind.MISSING, "the log ends at seq 22 but the head is seq 25"), problem());
    }

    @Test
    void aChangedHead_isAHeadMismatch() {
        sql("UPDATE log_head SET hash = '" + "f".repeat(64) + "'");

        assertEquals(new Problem(25, Kind.HEAD_MISMATCH, "log_head does not name the last entry (seq 25)"), problem());
    }

    @Test
    void theFirstProblem_isReportedWhenThereAreSeveral() {
        sql("DELETE FROM message_log WHERE seq = 18", "UPDATE message_log SET details = '{}' WHERE seq = 3");

        VerifyReport report = store.verify(1, ProgressListener.NONE);

        assertEquals(
                new Problem(3, Kind.ALTERED, "fields do not match the stored hash"),
                report.problem().orElseThrow());
        assertEquals(2, report.entriesChecked());
        assertEquals(0, report.checkpointsChecked());
    }

    private void swap(long a, long b) {
        sql(
                "UPDATE message_log SET seq = -1 WHERE seq = " + a,
                "UPDATE message_log SET seq = " + a + " WHERE seq = " + b,
                "UPDATE message_log SET seq = " + b + " WHERE seq = -1");
    }

    private void rewrite(long seq, String actor, String hash) throws SQLException {
        rewrite(seq, actor, hash, null);
    }

    private void rewrite(long seq, String actor, String hash, String prevHash) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE message_log SET actor = ?, hash = ?, prev_hash = COALESCE(?, prev_hash)"
                                + " WHERE seq = ?")) {
            ps.setString(1, actor);
            ps.setString(2, hash);
            ps.setString(3, prevHash);
            ps.setLong(4, seq);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
