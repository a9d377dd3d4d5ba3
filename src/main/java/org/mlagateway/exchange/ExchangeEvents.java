package org.mlagateway.exchange;

import java.time.Duration;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.store.DeliveryAttempt;

/**
 * What the exchange reports as it works, for metrics: one listener instead of counters scattered
 * through the code (OkHttp's {@code EventListener}). Calls come from the exchange's worker threads
 * and must return quickly without throwing. Every method does nothing by default.
 */
public interface ExchangeEvents {
    /** Reports nothing. */
    ExchangeEvents NONE = new ExchangeEvents() {};

    /**
     * A delivery to our endpoint was answered: {@code outcome} is {@code ACCEPTED}, {@code DUPLICATE} or
     * {@code REJECTED}, with the error code's wire name when rejected (null otherwise).
     */
    default void received(String outcome, String errorCode, Duration handling) {}

    /**
     * One attempt to deliver an outgoing message to {@code partner} (a configured partner id) ended,
     * with a code from our catalogue when it failed: never the partner's own text, which has no
     * bound and no place in a metric label.
     */
    default void deliveryAttempted(
            String partner, DeliveryAttempt.Outcome outcome, ErrorCode errorCode, Duration took) {}

    /** An outgoing message reached its final state: {@code DELIVERED}, or {@code FAILED} with the last error code. */
    default void sent(String partner, DeliveryAttempt.Outcome outcome, ErrorCode errorCode) {}
}
