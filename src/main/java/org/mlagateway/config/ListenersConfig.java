package org.mlagateway.config;

import java.util.Objects;

/**
 * The two listeners. They never share a port: the external one faces partner states and serves
 * only the exchange endpoint; the internal one serves the API and operator pages.
 */
public record ListenersConfig(ListenerConfig external, ListenerConfig internal) {
    public ListenersConfig {
        Objects.requireNonNull(external, "external");
        Objects.requireNonNull(internal, "internal");
        if (external.port() != 0 && external.port() == internal.port()) {
            throw new IllegalArgumentException(
                    "the external and internal listeners must not share port " + external.port());
        }
    }
}
