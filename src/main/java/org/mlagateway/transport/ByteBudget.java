package org.mlagateway.transport;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.mlagateway.config.ListenerLimitsConfig;

/**
 * One listener's budget of request bytes in flight (being received or processed) and of large
 * requests, overall and per remote address ({@link ListenerLimitsConfig}). It is what bounds the
 * memory that aggregating bodies can take: twenty stalled 31.5 MB bodies can no longer exhaust
 * direct memory, because most of them are refused from their headers.
 */
final class ByteBudget {
    private final ListenerLimitsConfig limits;
    private final Map<InetAddress, Usage> byAddress = new HashMap<>();
    private final Usage total = new Usage();

    ByteBudget(ListenerLimitsConfig limits) {
        this.limits = limits;
    }

    private static final class Usage {
        long bytes;
        int large;
    }

    /** A request's share of the budget; released once, when its answer is written or its connection closes. */
    final class Reservation {
        private final InetAddress address;
        private long bytes;
        private boolean large;
        private boolean released;

        private Reservation(InetAddress address) {
            this.address = address;
        }

        /**
         * Takes {@code more} bytes for a body that is counted as it arrives (chunked); null when
         * they fit, otherwise why not (and nothing is taken).
         */
        String grow(long more) {
            synchronized (ByteBudget.this) {
                if (released) {
                    return null;
                }
                boolean becomesLarge = !large && bytes + more >= limits.largeRequestBytes();
                String refusal = refusal(address, more, becomesLarge);
                if (refusal == null) {
                    take(address, more, becomesLarge);
                    bytes += more;
                    large |= becomesLarge;
                }
                return refusal;
            }
        }

        void release() {
            synchronized (ByteBudget.this) {
                if (!released) {
                    released = true;
                    give(address, bytes, large);
                }
            }
        }

        long bytes() {
            synchronized (ByteBudget.this) {
                return bytes;
            }
        }
    }

    /** An empty reservation for a request from {@code address}, to grow by its declared length or its chunks. */
    Reservation open(InetAddress address) {
        return new Reservation(address);
    }

    synchronized long bytesInFlight() {
        return total.bytes;
    }

    synchronized int largeInFlight() {
        return total.large;
    }

    private String refusal(InetAddress address, long more, boolean large) {
        Usage own = byAddress.get(address);
        long ownBytes = own == null ? 0 : own.bytes;
        int ownLarge = own == null ? 0 : own.large;
        if (total.bytes + more > limits.maxBytesInFlight()) {
            return "bytes in flight would exceed maxBytesInFlight (" + limits.maxBytesInFlight() + ")";
        }
        // A lone request from an address always fits its share; the overall limit still applies.
        if (ownBytes > 0 && ownBytes + more > limits.maxBytesInFlightPerAddress()) {
            return "bytes in flight from this address would exceed maxBytesInFlightPerAddress ("
                    + limits.maxBytesInFlightPerAddress() + ")";
        }
        if (large && total.large >= limits.maxLargeRequests()) {
            return "maxLargeRequests (" + limits.maxLargeRequests() + ") are in flight";
        }
        if (large && ownLarge >= limits.maxLargeRequestsPerAddress()) {
            return "maxLargeRequestsPerAddress (" + limits.maxLargeRequestsPerAddress()
                    + ") are in flight from this address";
        }
        return null;
    }

    private void take(InetAddress address, long bytes, boolean large) {
        Usage own = byAddress.computeIfAbsent(address, a -> new Usage());
        own.bytes += bytes;
        total.bytes += bytes;
        if (large) {
            own.large++;
            total.large++;
        }
    }

    private void give(InetAddress address, long bytes, boolean large) {
        Usage own = byAddress.get(address);
        total.bytes -= bytes;
        if (large) {
            total.large--;
        }
        if (own != null) {
            own.bytes -= bytes;
            if (large) {
                own.large--;
            }
            if (own.bytes == 0 && own.large == 0) {
                byAddress.remove(address);
            }
        }
    }
}
