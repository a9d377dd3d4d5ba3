package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.store.AnchorReport.Kind;
import org.mlagateway.store.AnchorReport.Problem;

/**
 * What an insider with write access to the database can no longer hide once checkpoints are anchored
 * outside it: 25 entries, checkpoints (and anchor lines) at 10 and 20.
 */
abstract class AnchorContract extends StoreContract {
    @Override
    Checkpointing checkpointing() {
        return LogCheckpointing.of(10, Duration.ofHours(1), LogKeys.get().signer(), null)
                .withAnchorFiles(List.of(anchorFile(), tmp.resolve("copy").resolve("log-anchor.txt")));
    }

    private Path anchorFile() {
        return tmp.resolve("anchor").resolve("log-anchor.txt");
    }

    private void append(int from, int to) {
        for (int i = from; i <= to; i++) {
            store.append(List.of(MessageLogContract.event(i)));
        }
        assertTrue(store.awaitCheckpoints(Duration.ofSeconds(60)));
    }

    private List<AnchorFile.Anchor> anchors() throws Exception {
        return AnchorFile.read(anchorFile());
    }

    /** Deletes the entries and checkpoints above {@code seq} and moves log_head back to it. */
    private void cutTo(long seq) {
        sql(
                "DELETE FROM message_log WHERE seq > " + seq,
                "DELETE FROM log_checkpoints WHERE seq > " + seq,
                "UPDATE log_head SET seq = " + seq + ", hash = (SELECT hash FROM message_log WHERE seq = " + seq + ")");
    }

    @Test
    void anIntactLog_matchesItsAnchors_andBothCopiesHoldTheSameLines() throws Exception {
        append(1, 25);

        AnchorReport report = store.verifyAnchors(anchors());

        assertEquals(new AnchorReport(2, 20, List.of()), report);
        assertEquals(
                Files.readString(anchorFile()),
                Files.readString(tmp.resolve("copy").resolve("log-anchor.txt")));
    }

    @Test
    void aTailCutWithItsCheckpointsAndHead_passesTheChainWalk_butNotTheAnchor() throws Exception {
        append(1, 25);
        cutTo(15);

        assertTrue(store.verify(1, ProgressListener.NONE).ok(), "without an anchor the cut is invisible");
        AnchorReport report = store.verifyAnchors(anchors());

        assertEquals(
                List.of(new Problem(
                        Kind.TRUNCATED,
                        20,
                        "the store's log ends at seq 15 but log-anchor.txt"
                                + " line 3 anchors a checkpoint at seq 20 (last anchored seq 20)")),
                report.problems());
    }

    @Test
    void aCheckpointWithARewrittenHash_isRolledBack() throws Exception {
        append(1, 25);
        sql("UPDATE log_checkpoints SET entry_hash = (SELECT hash FROM message_log WHERE seq = 19) WHERE seq = 20");

        AnchorReport report = store.verifyAnchors(anchors());

        assertEquals(
                List.of(new Problem(
                        Kind.ROLLED_BACK,
                        20,
                        "log-anchor.txt line 3: the stored checkpoint at"
                                + " seq 20 names another hash than the anchored one")),
                report.problems());
    }

    @Test
    void aLogRolledBackAndWrittenAgain_isRolledBack() throws Exception {
        append(1, 25);
        cutTo(15);
        reopen();
        append(116, 120); // other entries take seqs 16..20, and the gateway signs a new checkpoint at 20

        AnchorReport report = store.verifyAnchors(anchors());

        assertTrue(store.verify(1, ProgressListener.NONE).ok());
        assertEquals(
                List.of(
                        new Problem(
                                Kind.ROLLED_BACK,
                                20,
                                "log-anchor.txt line 3 and log-anchor.txt line 4 name different"
                                        + " hashes for seq 20 (the log was rewritten from there)"),
                        new Problem(
                                Kind.ROLLED_BACK,
                                20,
                                "log-anchor.txt line 3: the entry at seq 20 no longer has the" + " anchored hash")),
                report.problems());
    }

    @Test
    void anAnchorWithAnotherSignature_isABadAnchor() throws Exception {
        append(1, 10);
        Checkpoint real = anchors().get(0).checkpoint();
        byte[] forged = real.signature().clone();
        forged[0] ^= 1;
        Checkpoint changed = new Checkpoint(
                real.seq(),
                real.entryHash(),
                real.atMicros(),
                real.signatureAlgorithm(),
                forged,
                real.signerChain(),
                null);

        AnchorReport report = store.verifyAnchors(List.of(new AnchorFile.Anchor("forged.txt", 1, changed)));

        assertEquals(
                List.of(new Problem(
                        Kind.BAD_ANCHOR, 10, "forged.txt line 1: checkpoint signature does not" + " verify")),
                report.problems());
    }

    @Test
    void anAnchorLine_survivesTheRoundTripThroughText_andAGarbledOneIsRefused() throws Exception {
        append(1, 10);
        Checkpoint cp = anchors().get(0).checkpoint();

        Checkpoint back = AnchorFile.parse(AnchorFile.line(cp).strip(), 1);

        assertEquals(AnchorFile.line(cp), AnchorFile.line(back));
        AnchorFile.BadAnchorException e = org.junit.jupiter.api.Assertions.assertThrows(
                AnchorFile.BadAnchorException.class, () -> AnchorFile.parse("checkpoint-v1 seq=1 hash=xyz", 7));
        assertEquals("line 7 is not a checkpoint-v1 line", e.getMessage());
    }
}
