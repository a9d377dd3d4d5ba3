package org.mlagateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver an outgoing message. {@code detail} describes the failure for operators
 * (never payload); {@code errorCode} is the partner's fault code or a local one.
 */
public record DeliveryAttempt(int attemptNo, Instant at, Outcome outcome, String errorCode, Integer httpStatus,
                              String detail, long durationMs) {
    public enum Outcome { DELIVERED, RETRYABLE_ERROR, FAILED }

    public DeliveryAttempt {
        if (attemptNo < 1) {
            throw new IllegalArgumentException("attemptNo must be at least 1, was " + attemptNo);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Check.optionalText("errorCode", errorCode, 64);
        Check.optionalText("detail", detail, 500);
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
    }
}
