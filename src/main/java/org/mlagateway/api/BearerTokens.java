package org.mlagateway.api;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.message.Sha256;

/**
 * The one bearer-token check, shared by the API's request filter and the internal listener's
 * header gate: the token presented in an {@code Authorization: Bearer} header is hashed (SHA-256,
 * the only form in which tokens are configured) and compared in constant time.
 */
final class BearerTokens {
    private static final String SCHEME = "Bearer ";

    private BearerTokens() {
    }

    /** Whether {@code authorization} is a bearer credential at all (RFC 6750 §2.1: the scheme is case-insensitive). */
    static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Whether {@code authorization} presents {@code client}'s token. */
    static boolean presents(String authorization, ApiClientConfig client) {
        if (!isBearer(authorization)) {
            return false;
        }
        byte[] presented = HexFormat.of().parseHex(Sha256.hex(authorization.substring(SCHEME.length()).strip()));
        return MessageDigest.isEqual(presented, HexFormat.of().parseHex(client.tokenSha256()));
    }
}
