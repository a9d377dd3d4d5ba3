package org.mlagateway.config;

import java.time.Duration;

/**
 * The outbound sender: the retry schedule (the delay starts at {@code initialBackoff}, doubles up to
 * {@code maxBackoff}, and the message is {@code FAILED} once {@code giveUpAfter} has passed), the
 * worker threads, and what one attempt may cost. {@code attemptTimeout} is a hard deadline on one
 * POST, from connecting to the last byte of the answer; {@code maxResponseBytes} bounds the answer
 * (a receipt or a fault is a few KiB); {@code maxInFlightPerPartner} is how many workers of this
 * node may be busy with one partner at once, so that a slow or dead partner leaves the other
 * workers to the other partners. It defaults to half the workers, at least one.
 */
public record SendingConfig(
        @OptionalKey Duration initialBackoff,
        @OptionalKey Duration maxBackoff,
        @OptionalKey Duration giveUpAfter,
        @OptionalKey Integer workers,
        @OptionalKey Duration attemptTimeout,
        @OptionalKey Integer maxResponseBytes,
        @OptionalKey Integer maxInFlightPerPartner) {

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(48);
    public static final int DEFAULT_WORKERS = 4;
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    /** A signed receipt alone is about 3 KiB; less than this cannot hold one. */
    public static final int MIN_RESPONSE_BYTES = 16 * 1024;

    public SendingConfig {
        initialBackoff = initialBackoff != null ? initialBackoff : DEFAULT_INITIAL_BACKOFF;
        maxBackoff = maxBackoff != null ? maxBackoff : DEFAULT_MAX_BACKOFF;
        giveUpAfter = giveUpAfter != null ? giveUpAfter : DEFAULT_GIVE_UP_AFTER;
        workers = workers != null ? workers : DEFAULT_WORKERS;
        attemptTimeout = attemptTimeout != null ? attemptTimeout : DEFAULT_ATTEMPT_TIMEOUT;
        maxResponseBytes = maxResponseBytes != null ? maxResponseBytes : DEFAULT_MAX_RESPONSE_BYTES;
        maxInFlightPerPartner = maxInFlightPerPartner != null ? maxInFlightPerPartner : Math.max(1, workers / 2);
        if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 < initialBackoff <= maxBackoff");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (attemptTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("attemptTimeout must be positive, was " + attemptTimeout);
        }
        if (maxResponseBytes < MIN_RESPONSE_BYTES) {
            throw new IllegalArgumentException(
                    "Invalid maxResponseBytes " + maxResponseBytes + "; value must be at least " + MIN_RESPONSE_BYTES);
        }
        if (maxInFlightPerPartner < 1 || maxInFlightPerPartner > workers) {
            throw new IllegalArgumentException("Invalid maxInFlightPerPartner " + maxInFlightPerPartner
                    + "; value must be between 1 and workers (" + workers + ")");
        }
    }

    public static SendingConfig defaults() {
        return new SendingConfig(null, null, null, null, null, null, null);
    }
}
