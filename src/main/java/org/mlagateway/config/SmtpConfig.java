package org.mlagateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The mail server deadline alerts are sent through ({@code alerts.email}). {@code security} is
 * {@code STARTTLS} (the default: the session must upgrade, RFC 3207), {@code SMTPS} (TLS from the first
 * byte, RFC 8314) or {@code NONE}, which is allowed only for a loopback host (a local relay, the tests);
 * {@code username} and {@code password} authenticate when given; {@code from} and {@code to} are
 * addresses; {@code timeout} bounds connecting, each read and each write.
 */
public record SmtpConfig(
        String host,
        @OptionalKey Integer port,
        @OptionalKey String security,
        @OptionalKey String username,
        @OptionalKey Secret password,
        String from,
        List<String> to,
        @OptionalKey Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final List<String> SECURITY = List.of("STARTTLS", "SMTPS", "NONE");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");

    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        security = security != null ? security : "STARTTLS";
        port = port != null ? port : "SMTPS".equals(security) ? 465 : 587;
        timeout = timeout != null ? timeout : DEFAULT_TIMEOUT;
        if (!SECURITY.contains(security)) {
            throw new IllegalArgumentException("security must be one of " + SECURITY + ", not " + security);
        }
        if ("NONE".equals(security) && !WebhookConfig.loopback(host)) {
            throw new IllegalArgumentException("security NONE is allowed only for a loopback host, not " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
        if (to.isEmpty()
                || !ADDRESS.matcher(from).matches()
                || to.stream().anyMatch(a -> !ADDRESS.matcher(a).matches())) {
            throw new IllegalArgumentException("from and to (at least one) must be e-mail addresses");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password are given together or not at all");
        }
    }
}
