package org.mlagateway.config;

import java.util.Objects;

/**
 * One listening socket and what it admits ({@link ListenerLimitsConfig}). Port 0 picks a free port
 * (tests and the demo). The host defaults to the loopback address, so nothing is exposed unless
 * configured.
 */
public record ListenerConfig(
        @OptionalKey String host, int port, @OptionalKey ListenerLimitsConfig limits) {
    public static final String DEFAULT_HOST = "127.0.0.1";

    public ListenerConfig {
        host = host != null ? host : DEFAULT_HOST;
        limits = limits != null ? limits : ListenerLimitsConfig.defaults();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /** A listener with the default limits. */
    public ListenerConfig(String host, int port) {
        this(host, port, null);
    }

    /** The same listener with other limits. */
    public ListenerConfig withLimits(ListenerLimitsConfig other) {
        return new ListenerConfig(host, port, Objects.requireNonNull(other, "limits"));
    }
}
