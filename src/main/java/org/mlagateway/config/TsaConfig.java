package org.mlagateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One RFC 3161 time-stamping authority for log checkpoints, its certificate, and how long one request
 * to it may take in all (connecting, sending, and reading the whole answer).
 */
public record TsaConfig(
        URI url, Path certificate, @OptionalKey Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    public TsaConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(certificate, "certificate");
        timeout = timeout != null ? timeout : DEFAULT_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "timeout must be positive and at most " + MAX_TIMEOUT.toSeconds() + "s, was " + timeout);
        }
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("url must be an http or https URL, was " + url);
        }
    }
}
