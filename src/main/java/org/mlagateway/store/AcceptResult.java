package org.mlagateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code accept} did. ACCEPTED: stored now. DUPLICATE: the same sender already delivered this
 * id with the same content; nothing new was stored, the fields describe the original, and
 * {@code duplicateLogSeq} is the {@code duplicate-received} entry logged for this delivery (the
 * receipt's own log sequence, docs/protocol.md#replay-and-duplicates. CONFLICT: the id was already used by this
 * sender for different content; nothing was stored (the exchange answers {@code DuplicateIdConflict})
 * and the fields describe the original.
 */
public record AcceptResult(
        Outcome outcome, long messagePk, Instant receivedAt, long receiptLogSeq, Long duplicateLogSeq) {
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        CONFLICT
    }

    public AcceptResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if ((outcome == Outcome.DUPLICATE) != (duplicateLogSeq != null)) {
            throw new IllegalArgumentException("a DUPLICATE, and only it, has the sequence of its own log entry");
        }
    }
}
