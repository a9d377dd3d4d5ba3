package org.mlagateway.store;

import java.util.Optional;

/**
 * The log's signed checkpoints and its verification: signing one now, finding and judging the one
 * that covers an entry, the log's status, and re-walking the chain. {@link Store} implements it.
 */
public interface LogCheckpoints {
    /** Signs a checkpoint of the current head now; empty without checkpointing or entries. */
    Optional<Long> checkpoint();

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
