package org.mlagateway.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of walking the message log from {@code fromSeq}: how many entries and checkpoints
 * were checked, where the head is, and the first problem found (none when the log verifies).
 */
public record VerifyReport(
        long fromSeq, long entriesChecked, long checkpointsChecked, long headSeq, Optional<Problem> problem) {

    /** What can be wrong with the chain at a sequence number. */
    public enum Kind {
        /** The entry's fields do not give its stored hash, or the next entry links to another hash. */
        ALTERED,
        /** An entry is absent: a gap, or the tail cut below the head or a checkpoint. */
        MISSING,
        /** The entry is intact but stored at the wrong seq (rows moved or swapped). */
        REORDERED,
        /** A checkpoint's signature, signer, time-stamp or checkpointed hash does not verify. */
        BAD_CHECKPOINT,
        /** The log_head row does not name the last entry. */
        HEAD_MISMATCH
    }

    /** The first bad sequence number and what is wrong there (no payload, no personal data). */
    public record Problem(long seq, Kind kind, String detail) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public VerifyReport {
        Objects.requireNonNull(problem, "problem");
    }

    public boolean ok() {
        return problem.isEmpty();
    }
}
