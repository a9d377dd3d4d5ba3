package org.mlagateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential back-off after failed credentials, per key (a remote address, a client id). The
 * first {@link #FREE_FAILURES} failures cost nothing, so a mistyped token is not punished; each
 * failure after them locks the key for {@link #FIRST_DELAY}, then twice as long each time, up to
 * {@link #MAX_DELAY}. A key without a failure for {@link #FORGET_AFTER} starts afresh. Nothing
 * waits: a locked key is answered at once (429 with {@code Retry-After}), never by sleeping a thread.
 *
 * <p>Memory is bounded: beyond {@link #MAX_KEYS} keys, keys not seen before share one overflow key,
 * so that many addresses guessing at once are throttled together rather than not at all.
 */
final class Throttle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    static final int MAX_KEYS = 10_000;
    static final String OVERFLOW = "(many)";

    private record State(int failures, Instant lastFailure, Instant lockedUntil) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    Throttle(Clock clock) {
        this.clock = clock;
    }

    /** How long the key stays locked, or empty when it may try now. */
    Optional<Duration> locked(String key) {
        State s = states.get(slot(key));
        Instant now = clock.instant();
        return s == null || !now.isBefore(s.lockedUntil())
                ? Optional.empty()
                : Optional.of(Duration.between(now, s.lockedUntil()));
    }

    /** Counts a failure of the key; returns how long it is locked now (zero while failures are free). */
    Duration failed(String key) {
        Instant now = clock.instant();
        String slot = slot(key);
        if (slot.equals(OVERFLOW) && !now.isBefore(nextSweep)) {
            nextSweep = now.plusSeconds(1);
            states.entrySet().removeIf(e -> forgotten(e.getValue(), now));
            slot = slot(key);
        }
        State s = states.compute(slot, (k, old) -> {
            int failures = old == null || forgotten(old, now) ? 1 : old.failures() + 1;
            return new State(failures, now, now.plus(delay(failures)));
        });
        return Duration.between(now, s.lockedUntil());
    }

    /** A success: the key starts afresh (for a client id; an address is never reset by one success). */
    void reset(String key) {
        states.remove(key);
    }

    /** The lock after the n-th failure in a row. */
    static Duration delay(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 30);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static boolean forgotten(State s, Instant now) {
        return !now.isBefore(s.lastFailure().plus(FORGET_AFTER)) && !now.isBefore(s.lockedUntil());
    }

    /** The key itself, or the overflow key for a new key once the table is full. */
    private String slot(String key) {
        return states.containsKey(key) || states.size() < MAX_KEYS ? key : OVERFLOW;
    }

    int size() {
        return states.size();
    }
}
