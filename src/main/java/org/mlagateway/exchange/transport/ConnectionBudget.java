package org.mlagateway.exchange.transport;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import org.mlagateway.config.ListenerLimitsConfig;

/**
 * One listener's connections, overall and per remote address. A connection beyond a limit does
 * not simply lose to those already open, or 891 idle TLS connections would lock every partner out:
 * it replaces the oldest idle connection (one with no request in progress) of its own address when
 * that address is at its limit, or else of the address that holds the most connections. Only when
 * there is no idle one to close is the new connection closed instead.
 */
final class ConnectionBudget {
    private final int max;
    private final int maxPerAddress;
    private final Map<InetAddress, LinkedHashSet<Channel>> byAddress = new HashMap<>();
    private int total;

    ConnectionBudget(ListenerLimitsConfig limits) {
        this.max = limits.maxConnections();
        this.maxPerAddress = limits.maxConnectionsPerAddress();
    }

    /** The decision about a new connection: admitted (possibly closing {@code evicted}), or refused and why. */
    record Decision(boolean admitted, Channel evicted, String refusal) {
    }

    synchronized Decision admit(Channel channel, InetAddress address) {
        LinkedHashSet<Channel> own = byAddress.computeIfAbsent(address, a -> new LinkedHashSet<>());
        Channel evicted = null;
        if (own.size() >= maxPerAddress) {
            evicted = oldestIdle(own);
            if (evicted == null) {
                dropIfEmpty(address, own);
                return new Decision(false, null,
                        "maxConnectionsPerAddress (" + maxPerAddress + ") reached, none of them idle");
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
        }
        own.add(channel);
        total++;
        return new Decision(true, evicted, null);
    }

    /** Forgets a closed connection; closing one that was evicted is harmless. */
    synchronized void release(Channel channel, InetAddress address) {
        remove(channel, address);
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
        for (Iterator<Map.Entry<InetAddress, LinkedHashSet<Channel>>> it = byAddress.entrySet().iterator(); it.hasNext(); ) {
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
        for (Channel c : channels) {
            if (!RequestGuard.busy(c)) {
                return c;
            }
        }
        return null;
    }

    /** Among the addresses holding the most connections, their oldest idle one. */
    private Channel oldestIdleOfLargest() {
        int most = 0;
        for (LinkedHashSet<Channel> set : byAddress.values()) {
            most = Math.max(most, set.size());
        }
        for (int size = most; size > 0; size--) {
            for (LinkedHashSet<Channel> set : byAddress.values()) {
                if (set.size() == size) {
                    Channel idle = oldestIdle(set);
                    if (idle != null) {
                        return idle;
                    }
                }
            }
        }
        return null;
    }
}
