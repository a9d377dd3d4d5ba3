package org.mlagateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver an outgoing message. {@code detail} describes the failure for operators
 * (never payload); {@code errorCode} is the partner's fault code or a local one.
 */
public record DeliveryAttempt(
        int attemptNo,
        Instant at,
        Outcome outcome,
        String errorCode,
        Integer httpStatus,
        String detail,
        long durationMs) {
    public enum Outcome {
        DELIVERED,
        RETRYABLE_ERROR,
        FAILED
    }

    /** The longest error code a row holds (delivery_attempts.error_code). */
    public static final int MAX_CODE = 64;
    /** The longest detail a row holds (delivery_attempts.detail). */
    public static final int MAX_DETAIL = 500;

    public DeliveryAttempt {
        if (attemptNo < 1) {
            throw new IllegalArgumentException("attemptNo must be at least 1, was " + attemptNo);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Check.optionalText("errorCode", errorCode, MAX_CODE);
        Check.optionalText("detail", detail, MAX_DETAIL);
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
    }
}
