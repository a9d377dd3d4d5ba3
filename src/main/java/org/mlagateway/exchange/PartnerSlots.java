package org.mlagateway.exchange;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How many of this node's sender workers are busy with each partner. A worker claims only for a
 * partner below the limit, so a partner that hangs until every attempt's deadline holds at most
 * {@code limit} workers, and the others go on delivering to everyone else. Claims in one node are
 * made one at a time under this object's lock, which makes the limit exact within the node; nodes
 * that share a database each keep their own.
 */
final class PartnerSlots {
    private final int limit;
    private final Map<String, Integer> busy = new HashMap<>();

    PartnerSlots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Invalid limit " + limit + "; value must be at least 1");
        }
        this.limit = limit;
    }

    /** The partners at the limit, whose items the next claim must pass over. */
    synchronized Set<String> full() {
        return busy.entrySet().stream()
                .filter(e -> e.getValue() >= limit)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    synchronized void take(String partner) {
        int now = busy.merge(partner, 1, Integer::sum);
        if (now > limit) {
            busy.merge(partner, -1, Integer::sum);
            throw new IllegalStateException("partner " + partner + " is already at its limit of " + limit);
        }
    }

    synchronized void release(String partner) {
        busy.computeIfPresent(partner, (p, n) -> n <= 1 ? null : n - 1);
    }
}
