package org.mlagateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The clocks the deadline alerts watch, and which notifications were sent (V10 {@code alert_notifications}):
 * a notification is claimed before it is sent and marked sent after the sink accepted it, so that it goes
 * out once per clock, threshold and channel, on any node and across restarts, and again only if it was
 * never marked sent.
 */
public interface AlertStore {
    /** Up to {@code max} open items due before {@code before}, earliest first. */
    List<DueClock> openClocks(Instant before, int max);

    /**
     * Takes on the notification: true when it was never claimed, or was claimed without being sent more than
     * {@code retryAfter} ago (the node stopped, or the sink failed); false when it was sent or another claim
     * is fresh.
     */
    boolean claimNotification(String itemKey, String threshold, String channel, Duration retryAfter);

    /** Records that the sink accepted the notification. */
    void notificationSent(String itemKey, String threshold, String channel);

    /** Records why the sink did not accept it (short, no payload); it is retried after {@code retryAfter}. */
    void notificationFailed(String itemKey, String threshold, String channel, String error);

    /** Records a looser threshold as done without sending it: a tighter one of the same clock was crossed too. */
    void notificationSuperseded(String itemKey, String threshold, String channel);
}
