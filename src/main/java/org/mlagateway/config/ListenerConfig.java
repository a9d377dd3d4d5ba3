package org.mlagateway.config;

/**
 * One listening socket. Port 0 picks a free port (tests and the demo). The host defaults to the
 * loopback address, so nothing is exposed unless configured.
 */
public record ListenerConfig(@OptionalKey String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";

    public ListenerConfig {
        host = host != null ? host : DEFAULT_HOST;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }
}
