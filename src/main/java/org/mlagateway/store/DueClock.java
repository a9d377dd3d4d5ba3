package org.mlagateway.store;

import java.time.Instant;

/**
 * A running clock: an open queue item (not done) with a due date, with what the dashboard and the alerts
 * group it by: the queue, its target (the domestic body, or for {@code send} the partner), the message's
 * partner, direction and kind. No person field.
 */
public record DueClock(
        long itemId,
        Queue queue,
        String target,
        String partner,
        Direction direction,
        String kind,
        long messagePk,
        String messageId,
        String conversationId,
        Instant dueAt) {
    /** The key a notification about this clock is recorded under. */
    public String key() {
        return "queue-item:" + itemId;
    }
}
