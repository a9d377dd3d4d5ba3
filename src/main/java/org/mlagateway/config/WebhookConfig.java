package org.mlagateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where deadline alerts are POSTed as JSON ({@code alerts.webhook}): {@code url} is HTTPS, or HTTP on a
 * loopback host only; {@code token}, when given, is sent as a bearer token; {@code timeout} bounds one
 * POST from connecting to the answer.
 */
public record WebhookConfig(
        URI url, @OptionalKey Secret token, @OptionalKey Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public WebhookConfig {
        Objects.requireNonNull(url, "url");
        timeout = timeout != null ? timeout : DEFAULT_TIMEOUT;
        if (url.getHost() == null
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()) && loopback(url.getHost()))) {
            throw new IllegalArgumentException("url must be https://, or http:// on a loopback host, not " + url);
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.startsWith("127.");
    }
}
