package org.mlagateway.exchange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A partner's {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date. A
 * value that is neither, or a date in the past, says nothing. The sender bounds what it honours by
 * its own maximum back-off, so a partner cannot park our queue for a year.
 */
final class RetryAfter {
    /** More digits than this is no sensible delay; it would also overflow. */
    private static final int MAX_DIGITS = 10;

    private RetryAfter() {}

    static Optional<Duration> parse(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        if (!value.isEmpty() && value.length() <= MAX_DIGITS && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return at.isAfter(now) ? Optional.of(Duration.between(now, at)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
