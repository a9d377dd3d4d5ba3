package org.mlagateway.store;

import java.time.Instant;

/**
 * One queue's load for one target: items per state, and when the oldest open (READY or LEASED)
 * item entered the gateway (null when none is open).
 */
public record QueueOverview(
        Queue queue, String target, long ready, long leased, long done, long dead, Instant oldestOpenSince) {
    public long open() {
        return ready + leased;
    }
}
