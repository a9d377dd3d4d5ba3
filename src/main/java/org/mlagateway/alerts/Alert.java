package org.mlagateway.alerts;

import java.time.Duration;
import java.time.Instant;
import org.mlagateway.store.DueClock;

/**
 * One crossing: the clock, the threshold it crossed ({@code threshold} time left or less; zero means due),
 * and when it was seen. Names no person: ids, codes, bodies, partners and times only.
 */
public record Alert(DueClock clock, Duration threshold, Instant at) {
    /** The threshold as recorded and sent: ISO 8601 ({@code PT72H}, {@code PT0S}). */
    public String thresholdName() {
        return threshold.toString();
    }

    public boolean overdue() {
        return !clock.dueAt().isAfter(at);
    }

    /** One line for a mail subject or a log. */
    String summary() {
        return (overdue() ? "OVERDUE " : "due in " + left() + ": ") + clock.kind() + " " + clock.messageId() + " ("
                + clock.queue().dbName() + " / " + clock.target() + ")";
    }

    private String left() {
        Duration d = Duration.between(at, clock.dueAt());
        return d.toHours() >= 1 ? d.toHours() + "h" : Math.max(0, d.toMinutes()) + "m";
    }
}
