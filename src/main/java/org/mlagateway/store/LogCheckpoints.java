package org.mlagateway.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The log's signed checkpoints and its verification: signing one now, finding and judging the one
 * that covers an entry, the log's status, re-walking the chain and comparing it with anchors kept
 * outside the database. {@link Store} implements it.
 */
public interface LogCheckpoints {
    /**
     * Signs a checkpoint of the current head now, on the checkpoint worker, and waits until it is stored
     * (and one try to time-stamp it was made); empty without checkpointing or entries.
     */
    Optional<Long> checkpoint();

    /**
     * Waits until every checkpoint that was due when this was called is signed and stored (its time-stamp
     * may follow later); false when that took longer than {@code max}. For commands and tests.
     */
    boolean awaitCheckpoints(Duration max);

    /** The unstamped backlog, the newest time-stamp and the anchor file, as the checkpoint worker last saw them. */
    StampingStatus stampingStatus();

    /** The checkpoint of the highest seq, if any. */
    Optional<Checkpoint> newestCheckpoint();

    /** Compares the log with checkpoints anchored outside the database. */
    AnchorReport verifyAnchors(List<AnchorFile.Anchor> anchors);

    /** The first checkpoint at or after {@code seq}, whose signature therefore covers that entry. */
    Optional<Checkpoint> checkpointAtOrAfter(long seq);

    /**
     * What is wrong with a checkpoint of this entry, judged as {@link #verify} judges it: the
     * checkpointed hash, the signature, the signer chain (ending at this gateway's root when the store
     * signs checkpoints) and the time-stamp token; empty when it verifies.
     */
    Optional<String> checkpointProblem(Checkpoint checkpoint, LogEntry entry);

    /** The log's last seq and its newest checkpoint, for health checks and operators. */
    LogStatus logStatus();

    /** Re-walks the chain from {@code fromSeq} (1 for all) and reports the first problem. */
    VerifyReport verify(long fromSeq, ProgressListener progress);
}
