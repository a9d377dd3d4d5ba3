package org.mlagateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand, so that time-based rules (leases, throttles, sessions) are
 * tested without waiting on wall time. Either stopped at a start instant, or {@link #ticking()}:
 * wall time plus the offset the test has added, for a running gateway whose retries and
 * back-offs must still see time pass.
 */
public final class TestClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** A clock that stands at {@code start} until the test moves it. */
    public TestClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC));
    }

    private TestClock(Clock base) {
        this.base = base;
    }

    /** Wall time (UTC), plus whatever the test advances it by. */
    public static TestClock ticking() {
        return new TestClock(Clock.systemUTC());
    }

    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
