package org.mlagateway.config;

import java.time.Duration;
import java.util.List;

/** Clients of the internal API, and how long a claim holds a queue item (default 10 minutes). */
public record ApiConfig(
        List<ApiClientConfig> clients, @OptionalKey Duration lease) {
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    public ApiConfig {
        clients = List.copyOf(clients);
        lease = lease != null ? lease : DEFAULT_LEASE;
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
    }
}
