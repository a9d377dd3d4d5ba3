package org.mlagateway.api;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.mlagateway.config.ApiClientConfig;

/**
 * The configured API clients ({@code api.clients}): who a bearer token belongs to, and which
 * domestic body a client works for. Only the SHA-256 of a token is configured; a presented token is
 * hashed and compared with every client's digest in constant time.
 */
final class ApiClients {
    private final List<ApiClientConfig> clients;

    ApiClients(List<ApiClientConfig> clients) {
        this.clients = List.copyOf(clients);
    }

    /** The caller a presented token (without the {@code Bearer} prefix) belongs to. */
    Optional<Caller> byToken(String token) {
        byte[] presented = HexFormat.of().parseHex(ApiTokens.sha256(token));
        Caller found = null;
        for (ApiClientConfig client : clients) {
            // Every digest is compared, so that timing does not tell which client matched.
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(client.tokenSha256())) && found == null) {
                found = new Caller(client.name(), client.roles());
            }
        }
        return Optional.ofNullable(found);
    }

    /** The domestic body of a configured client, or null (no such client, or not a domestic system). */
    String bodyOf(String clientName) {
        return clients.stream()
                .filter(c -> c.name().equals(clientName))
                .findFirst()
                .map(c -> new Caller(c.name(), c.roles()).body())
                .orElse(null);
    }
}
