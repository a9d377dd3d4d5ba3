package org.mlagateway.config;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The deadline alerts ({@code alerts:} in the YAML, docs/operations.md#deadline-alerts). Every
 * {@code checkEvery} the gateway looks at the running clocks (open queue items with a due date); a clock
 * crosses a threshold when the time left is at most that much ({@code 0s}: it is due, so overdue). Each
 * crossing is notified once per channel, by {@code webhook} and by {@code email}, whichever are configured;
 * a notification the sink did not accept is tried again after {@code retryAfter}. {@code soonDue} is how
 * far ahead the dashboard lists clocks as soon due.
 */
public record AlertsConfig(
        @OptionalKey Duration checkEvery,
        @OptionalKey Duration soonDue,
        @OptionalKey List<Duration> thresholds,
        @OptionalKey Duration retryAfter,
        @OptionalKey WebhookConfig webhook,
        @OptionalKey SmtpConfig email) {
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SOON_DUE = Duration.ofHours(72);
    public static final List<Duration> DEFAULT_THRESHOLDS =
            List.of(Duration.ofHours(72), Duration.ofHours(24), Duration.ZERO);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(5);
    /** The most thresholds a deployment may set; each is a notification per clock and channel. */
    public static final int MAX_THRESHOLDS = 8;

    public AlertsConfig {
        checkEvery = checkEvery != null ? checkEvery : DEFAULT_CHECK_EVERY;
        soonDue = soonDue != null ? soonDue : DEFAULT_SOON_DUE;
        thresholds = thresholds != null ? thresholds : DEFAULT_THRESHOLDS;
        retryAfter = retryAfter != null ? retryAfter : DEFAULT_RETRY_AFTER;
        if (checkEvery.toMillis() < 1 || retryAfter.toMillis() < 1 || soonDue.isNegative() || soonDue.isZero()) {
            throw new IllegalArgumentException("checkEvery, retryAfter and soonDue must be positive");
        }
        if (thresholds.isEmpty() || thresholds.size() > MAX_THRESHOLDS) {
            throw new IllegalArgumentException("thresholds has 1 to " + MAX_THRESHOLDS + " durations");
        }
        if (thresholds.stream().anyMatch(Duration::isNegative)
                || thresholds.stream().distinct().count() != thresholds.size()) {
            throw new IllegalArgumentException(
                    "thresholds are distinct durations of 0s or more (time left before due)");
        }
        thresholds = thresholds.stream().sorted(Comparator.reverseOrder()).toList();
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null, null);
    }

    /** Whether any notification channel is configured. */
    public boolean notifies() {
        return webhook != null || email != null;
    }
}
