package org.mlagateway.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The clock of a synthetic store: it shows whatever time the builder has moved it to. */
final class SyntheticClock extends Clock {
    private volatile Instant now;

    SyntheticClock(Instant start) {
        this.now = start;
    }

    void set(Instant time) {
        now = time;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a synthetic clock is UTC");
    }
}
