package org.mlagateway.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One internal API client. Only the SHA-256 of its bearer token is configured, so the YAML never
 * holds a usable credential. Its roles are {@link ApiRole}s; {@code auditor} is held alone.
 */
public record ApiClientConfig(String name, String tokenSha256, List<ApiRole> roles) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ApiClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tokenSha256, "tokenSha256");
        roles = List.copyOf(roles);
        if (!SHA256_HEX.matcher(tokenSha256).matches()) {
            throw new IllegalArgumentException("tokenSha256 must be 64 lowercase hex characters");
        }
        if (roles.contains(ApiRole.AUDITOR) && roles.size() > 1) {
            throw new IllegalArgumentException("client " + name + ": the auditor role is held alone (it sees person"
                    + " fields masked and acts on nothing), not beside " + roles);
        }
    }
}
