package org.mlagateway.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One internal API client. Only the SHA-256 of its bearer token is configured, so the YAML never
 * holds a usable credential. Roles: {@code domestic-system:<BODY>}, {@code translator},
 * {@code operator}, {@code admin}.
 */
public record ApiClientConfig(String name, String tokenSha256, List<String> roles) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ROLE = Pattern.compile("domestic-system:[A-Z0-9-]+|translator|operator|admin");

    public ApiClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tokenSha256, "tokenSha256");
        roles = List.copyOf(roles);
        if (!SHA256_HEX.matcher(tokenSha256).matches()) {
            throw new IllegalArgumentException("tokenSha256 must be 64 lowercase hex characters");
        }
        for (String role : roles) {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("unknown role '" + role + "'");
            }
        }
    }
}
