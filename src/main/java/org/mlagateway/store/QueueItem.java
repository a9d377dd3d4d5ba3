package org.mlagateway.store;

import java.time.Instant;

/** A work item on a queue, as claimed or read. Null fields are unset. */
public record QueueItem(
        long id,
        Queue queue,
        String target,
        long messagePk,
        String messageId,
        String conversationId,
        State state,
        int priority,
        Instant availableAt,
        String leaseOwner,
        Instant leaseUntil,
        int attempts,
        String lastError,
        Instant dueAt,
        String flag,
        String flagReason,
        Instant createdAt) {
    public enum State {
        READY,
        LEASED,
        DONE,
        DEAD
    }
}
