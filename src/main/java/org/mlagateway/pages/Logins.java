package org.mlagateway.pages;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.config.ApiRole;
import org.mlagateway.message.Sha256;

/**
 * Checks an operator's login against {@code api.clients}: the client id names the client, the
 * SHA-256 of the presented token must equal its configured digest (constant-time), and the client
 * must hold the role {@code operator} (or {@code admin}, which holds every role, as in the API),
 * {@code auditor}, which reads the pages with person fields masked and acts on nothing, or
 * {@code register}, which reads the register page and nothing else. The role {@code consular} opens no
 * session: it only enters confirmations through the API and has no page to read.
 */
final class Logins {
    enum Outcome {
        OPERATOR,
        AUDITOR,
        REGISTER,
        UNKNOWN_CLIENT,
        WRONG_TOKEN,
        NOT_OPERATOR
    }

    private static final byte[] NO_CLIENT = new byte[32];
    private final List<ApiClientConfig> clients;

    Logins(List<ApiClientConfig> clients) {
        this.clients = List.copyOf(clients);
    }

    /**
     * How a login attempt's client id may appear in the logs: as typed only when it names a
     * configured client, since an operator may paste the token into the wrong field, and the
     * message log cannot forget what it was given.
     */
    String loggable(String clientId) {
        return isClient(clientId) ? clientId : "(not a configured client)";
    }

    /** Whether the id names a configured client (so it may key a throttle and appear in logs). */
    boolean isClient(String clientId) {
        return clients.stream().anyMatch(c -> c.name().equals(clientId));
    }

    /** The access a successful outcome opens a session with; empty for a refusal. */
    static java.util.Optional<OperatorSession.Access> access(Outcome outcome) {
        return switch (outcome) {
            case OPERATOR -> java.util.Optional.of(OperatorSession.Access.OPERATOR);
            case AUDITOR -> java.util.Optional.of(OperatorSession.Access.AUDITOR);
            case REGISTER -> java.util.Optional.of(OperatorSession.Access.REGISTER);
            default -> java.util.Optional.empty();
        };
    }

    Outcome check(String clientId, String token) {
        ApiClientConfig client = clients.stream()
                .filter(c -> c.name().equals(clientId))
                .findFirst()
                .orElse(null);
        byte[] presented = HexFormat.of().parseHex(Sha256.hex(token == null ? "" : token.strip()));
        // The digest is compared even for an unknown client, so that timing does not tell which ids exist.
        byte[] expected = client == null ? NO_CLIENT : HexFormat.of().parseHex(client.tokenSha256());
        boolean tokenMatches = MessageDigest.isEqual(presented, expected);
        if (client == null) {
            return Outcome.UNKNOWN_CLIENT;
        }
        if (!tokenMatches) {
            return Outcome.WRONG_TOKEN;
        }
        if (client.roles().contains(ApiRole.OPERATOR) || client.roles().contains(ApiRole.ADMIN)) {
            return Outcome.OPERATOR;
        }
        if (client.roles().contains(ApiRole.AUDITOR)) {
            return Outcome.AUDITOR;
        }
        return client.roles().contains(ApiRole.REGISTER) ? Outcome.REGISTER : Outcome.NOT_OPERATOR;
    }
}
