package org.mlagateway.store;

import java.time.Instant;

/** A leased item whose lease ran out, or that has been held longer than operators allow. */
public record StuckLease(QueueItem item, Instant leasedSince, boolean expired) {}
