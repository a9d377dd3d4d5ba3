package org.mlagateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mlagateway.testing.TestClock;

/** The back-off schedule, driven by a clock the test moves. */
class ThrottleTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Throttle throttle = new Throttle(clock);

    @Test
    void theFirstFailuresAreFree_thenTheLockDoubles_upToItsCap() {
        for (int i = 1; i <= Throttle.FREE_FAILURES; i++) {
            assertEquals(Duration.ZERO, throttle.failed("address:a"), "failure " + i);
            assertEquals(Optional.empty(), throttle.locked("address:a"));
        }
        assertEquals(Duration.ofSeconds(1), throttle.failed("address:a"));
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.locked("address:a"));
        assertEquals(Duration.ofSeconds(2), throttle.failed("address:a"));
        assertEquals(Duration.ofSeconds(4), throttle.failed("address:a"));
        for (int i = 0; i < 40; i++) {
            throttle.failed("address:a");
        }
        assertEquals(Throttle.MAX_DELAY, throttle.locked("address:a").orElseThrow());
        assertEquals(Optional.empty(), throttle.locked("address:b"), "other keys are not held back");
    }

    @Test
    void aLockEnds_andAQuietKeyIsForgotten() {
        for (int i = 0; i <= Throttle.FREE_FAILURES; i++) {
            throttle.failed("client:c");
        }
        clock.advance(Duration.ofMillis(999));
        assertEquals(Optional.of(Duration.ofMillis(1)), throttle.locked("client:c"));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), throttle.locked("client:c"));
        assertEquals(Duration.ofSeconds(2), throttle.failed("client:c"), "still counting");
        clock.advance(Throttle.FORGET_AFTER);
        assertEquals(Duration.ZERO, throttle.failed("client:c"), "after a quiet half hour it starts afresh");
    }

    @Test
    void aSuccess_resetsAKey() {
        for (int i = 0; i <= Throttle.FREE_FAILURES; i++) {
            throttle.failed("client:c");
        }
        throttle.reset("client:c");
        assertEquals(Optional.empty(), throttle.locked("client:c"));
        assertEquals(Duration.ZERO, throttle.failed("client:c"));
    }

    @Test
    void beyondTheKeyLimit_newKeysShareOneOverflowKey_soAFloodOfAddressesIsStillHeldBack() {
        for (int i = 0; i < Throttle.MAX_KEYS; i++) {
            throttle.failed("address:10.0." + i);
        }
        assertEquals(Throttle.MAX_KEYS, throttle.size());
        for (int i = 0; i <= Throttle.FREE_FAILURES; i++) {
            throttle.failed("address:new-" + i);
        }
        assertTrue(throttle.locked("address:never-seen").isPresent(), "new keys are held back together");
        assertTrue(throttle.size() <= Throttle.MAX_KEYS + 1, "memory stays bounded: " + throttle.size());
        clock.advance(Throttle.FORGET_AFTER.plus(Throttle.MAX_DELAY));
        throttle.failed("address:fresh");
        assertEquals(Optional.empty(), throttle.locked("address:fresh"), "forgotten keys were swept to make room");
    }
}
