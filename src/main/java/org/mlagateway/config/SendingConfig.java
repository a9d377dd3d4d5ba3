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
 * {@code minBytesPerSecond} scales the deadline with the body: a request that carries documents as
 * parts may take {@code attemptTimeout} plus its length at this rate (docs/protocol.md#attachments),
 * so that a gigabyte document is not cut by a deadline sized for an envelope.
 */
public record SendingConfig(
        @OptionalKey Duration initialBackoff,
        @OptionalKey Duration maxBackoff,
        @OptionalKey Duration giveUpAfter,
        @OptionalKey Integer workers,
        @OptionalKey Duration attemptTimeout,
        @OptionalKey Integer maxResponseBytes,
        @OptionalKey Integer maxInFlightPerPartner,
        @OptionalKey Long minBytesPerSecond) {

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(48);
    public static final int DEFAULT_WORKERS = 4;
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    /** 1 MiB/s: a 4 GiB document may take a little over an hour beyond attemptTimeout. */
    public static final long DEFAULT_MIN_BYTES_PER_SECOND = 1024 * 1024;
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
        minBytesPerSecond = minBytesPerSecond != null ? minBytesPerSecond : DEFAULT_MIN_BYTES_PER_SECOND;
        if (minBytesPerSecond < 1) {
            throw new IllegalArgumentException("minBytesPerSecond must be at least 1, was " + minBytesPerSecond);
        }
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

    /** As the canonical constructor, with the default {@code minBytesPerSecond}. */
    public SendingConfig(
            Duration initialBackoff,
            Duration maxBackoff,
            Duration giveUpAfter,
            Integer workers,
            Duration attemptTimeout,
            Integer maxResponseBytes,
            Integer maxInFlightPerPartner) {
        this(
                initialBackoff,
                maxBackoff,
                giveUpAfter,
                workers,
                attemptTimeout,
                maxResponseBytes,
                maxInFlightPerPartner,
                null);
    }

    public static SendingConfig defaults() {
        return new SendingConfig(null, null, null, null, null, null, null, null);
    }

    /**
     * The deadline of one attempt whose body is {@code bodyBytes} long: {@code attemptTimeout} plus
     * the body's length at {@code minBytesPerSecond}.
     */
    public Duration attemptTimeoutFor(long bodyBytes) {
        long extraMillis = Math.max(0, bodyBytes) / minBytesPerSecond * 1000
                + Math.max(0, bodyBytes) % minBytesPerSecond * 1000 / minBytesPerSecond;
        return attemptTimeout.plusMillis(extraMillis);
    }
}
