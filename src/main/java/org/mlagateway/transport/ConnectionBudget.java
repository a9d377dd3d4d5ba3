package org.mlagateway.transport;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.mlagateway.config.ListenerLimitsConfig;

/**
 * One listener's connections, overall and per remote address. A connection beyond a limit does
 * not simply lose to those already open, or 891 idle TLS connections would lock every partner out:
 * it replaces an idle connection of its own address when that address is at its limit, or else of
 * the address that holds the most connections. Idle means no request in progress: one between
 * requests first, the oldest; else one whose TLS handshake is not complete, the oldest (a newcomer
 * is spared while idle ones exist). Only when there is none is the new connection closed instead.
 * A connection closed to make room still holds its file descriptor until its worker gets to it, so
 * at most {@link #MAX_CLOSING} may be closing at once: under a burst beyond that, newcomers are
 * refused, and the descriptors in use stay near {@code maxConnections}.
 */
final class ConnectionBudget {
    static final int MAX_CLOSING = 32;

    private final int max;
    private final int maxPerAddress;
    private final Map<InetAddress, LinkedHashSet<Channel>> byAddress = new HashMap<>();
    private final Set<Channel> closing = new HashSet<>();
    private int total;

    ConnectionBudget(ListenerLimitsConfig limits) {
        this.max = limits.maxConnections();
        this.maxPerAddress = limits.maxConnectionsPerAddress();
    }

    /** The decision about a new connection: admitted (possibly closing {@code evicted}), or refused and why. */
    record Decision(boolean admitted, Channel evicted, String refusal) {}

    synchronized Decision admit(Channel channel, InetAddress address) {
        LinkedHashSet<Channel> own = byAddress.computeIfAbsent(address, a -> new LinkedHashSet<>());
        Channel evicted = null;
        boolean full = own.size() >= maxPerAddress || total >= max;
        if (full && closing.size() >= MAX_CLOSING) {
            dropIfEmpty(address, own);
            return new Decision(false, null, MAX_CLOSING + " connections closed to make room are still closing");
        }
        if (own.size() >= maxPerAddress) {
            evicted = oldestIdle(own);
            if (evicted == null) {
                dropIfEmpty(address, own);
                return new Decision(
                        false, null, "maxConnectionsPerAddress (" + maxPerAddress + ") reached, none of them idle");
            }
        } else if (total >= max) {
            evicted = oldestIdleOfLargest();
            if (evicted == null) {
                dropIfEmpty(address, own);
                return new Decision(false, null, "maxConnections (" + max + ") reached, none of them idle");
            }
        }
        if (evicted != null) {
            remove(evicted, (InetAddress) null);
            closing.add(evicted);
        }
        own.add(channel);
        total++;
        return new Decision(true, evicted, null);
    }

    /** Forgets a closed connection, or one closed to make room once it is gone. */
    synchronized void release(Channel channel, InetAddress address) {
        if (!closing.remove(channel)) {
            remove(channel, address);
        }
    }

    synchronized int open() {
        return total;
    }

    private void remove(Channel channel, InetAddress known) {
        if (known != null) {
            LinkedHashSet<Channel> own = byAddress.get(known);
            if (own != null && own.remove(channel)) {
                total--;
                dropIfEmpty(known, own);
            }
            return;
        }
        for (Iterator<Map.Entry<InetAddress, LinkedHashSet<Channel>>> it =
                        byAddress.entrySet().iterator();
                it.hasNext(); ) {
            LinkedHashSet<Channel> set = it.next().getValue();
            if (set.remove(channel)) {
                total--;
                if (set.isEmpty()) {
                    it.remove();
                }
                return;
            }
        }
    }

    private void dropIfEmpty(InetAddress address, LinkedHashSet<Channel> own) {
        if (own.isEmpty()) {
            byAddress.remove(address);
        }
    }

    private static Channel oldestIdle(LinkedHashSet<Channel> channels) {
        Channel idle = oldest(channels, RequestGuard.Activity.IDLE);
        return idle != null ? idle : oldest(channels, RequestGuard.Activity.HANDSHAKING);
    }

    private static Channel oldest(LinkedHashSet<Channel> channels, RequestGuard.Activity activity) {
        for (Channel c : channels) {
            if (RequestGuard.activity(c) == activity) {
                return c;
            }
        }
        return null;
    }

    /**
     * An idle connection of the address holding the most connections that has one; at equal size,
     * one between requests before one still in its handshake. One pass over the open connections.
     */
    private Channel oldestIdleOfLargest() {
        Channel best = null;
        int bestSize = 0;
        boolean bestBetweenRequests = false;
        for (LinkedHashSet<Channel> set : byAddress.values()) {
            Channel between = oldest(set, RequestGuard.Activity.IDLE);
            Channel candidate = between != null ? between : oldest(set, RequestGuard.Activity.HANDSHAKING);
            if (candidate == null) {
                continue;
            }
            boolean betweenRequests = between != null;
            if (set.size() > bestSize || (set.size() == bestSize && betweenRequests && !bestBetweenRequests)) {
                best = candidate;
                bestSize = set.size();
                bestBetweenRequests = betweenRequests;
            }
        }
        return best;
    }
}
