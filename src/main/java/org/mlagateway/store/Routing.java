package org.mlagateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the queue item for a message goes: the {@link Queue}, its target (a domestic body or a partner), priority
 * 0-9 (higher is claimed first), an optional due date, and an optional flag with its reason.
 */
public record Routing(Queue queue, String target, int priority, Instant dueAt, String flag, String flagReason) {
    public Routing {
        Objects.requireNonNull(queue, "queue");
        Check.text("target", target, 128);
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("Invalid priority " + priority + "; value must be between 0 and 9");
        }
        Check.optionalText("flag", flag, 128);
        Check.optionalText("flagReason", flagReason, 500);
        if (flag == null && flagReason != null) {
            throw new IllegalArgumentException("flagReason given without a flag");
        }
    }

    public static Routing to(Queue queue, String target, int priority) {
        return new Routing(queue, target, priority, null, null, null);
    }
}
