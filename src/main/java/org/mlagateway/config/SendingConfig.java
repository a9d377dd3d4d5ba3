package org.mlagateway.config;

import java.time.Duration;

/**
 * The outbound retry schedule: the delay starts at {@code initialBackoff}, doubles up to
 * {@code maxBackoff}, and the message is {@code FAILED} once {@code giveUpAfter} has passed.
 */
public record SendingConfig(
        @OptionalKey Duration initialBackoff,
        @OptionalKey Duration maxBackoff,
        @OptionalKey Duration giveUpAfter,
        @OptionalKey Integer workers,
        @OptionalKey Duration requestTimeout) {

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(48);
    public static final int DEFAULT_WORKERS = 2;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public SendingConfig {
        initialBackoff = initialBackoff != null ? initialBackoff : DEFAULT_INITIAL_BACKOFF;
        maxBackoff = maxBackoff != null ? maxBackoff : DEFAULT_MAX_BACKOFF;
        giveUpAfter = giveUpAfter != null ? giveUpAfter : DEFAULT_GIVE_UP_AFTER;
        workers = workers != null ? workers : DEFAULT_WORKERS;
        requestTimeout = requestTimeout != null ? requestTimeout : DEFAULT_REQUEST_TIMEOUT;
        if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 < initialBackoff <= maxBackoff");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }

    public static SendingConfig defaults() {
        return new SendingConfig(null, null, null, null, null);
    }
}
