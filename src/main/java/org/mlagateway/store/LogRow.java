package org.mlagateway.store;

import java.time.Instant;

/**
 * One row of the message log list: a stored message, or a rejected delivery attempt (then
 * {@code key} is its log seq, {@code status} is {@link LogQuery#REJECTED}, and only the fields the
 * rejection recorded are set). For a message, {@code key} is its pk; {@code flag} is the flag of one
 * of its queue items and {@code dueAt} the earliest due date of its open items. Null fields are unknown.
 */
public record LogRow(
        Type type,
        long key,
        Instant at,
        Direction direction,
        String partner,
        String messageId,
        String conversationId,
        String kind,
        String requestType,
        String status,
        String subject,
        String errorCode,
        String correlationId,
        String flag,
        Instant dueAt) {
    public enum Type {
        MESSAGE,
        REJECTION
    }

    public boolean isRejection() {
        return type == Type.REJECTION;
    }

    /** Whether an open item's clock has run out at {@code now}. */
    public boolean overdueAt(Instant now) {
        return dueAt != null && dueAt.isBefore(now);
    }
}
