package org.mlagateway.alerts;

/** A channel deadline alerts go out by. {@link #send} returns only when the sink accepted the alert. */
interface Notifier {
    /** The channel's name as recorded in {@code alert_notifications}: {@code webhook} or {@code email}. */
    String channel();

    /** @throws AlertNotSent when the sink could not be reached or did not accept it */
    void send(Alert alert) throws AlertNotSent;

    /** Why a notification did not go out: a short reason, never a payload. */
    final class AlertNotSent extends Exception {
        private static final long serialVersionUID = 1L;

        AlertNotSent(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
