package org.mlagateway.api;

import java.security.SecureRandom;
import java.util.Base64;
import org.mlagateway.message.Sha256;

/**
 * API bearer tokens: a new one is 256 random bits, base64url without padding (43 characters, safe in a
 * header, a URL or a shell variable); the configuration holds only {@link #sha256}, the lower-case hex
 * SHA-256 of the token's UTF-8 bytes, which is what {@link ApiClients} compares a presented token with.
 * (Hashing by hand: {@code printf %s "$TOKEN" | sha256sum}; {@code echo} would hash a newline too.)
 */
public final class ApiTokens {
    private static final int TOKEN_BYTES = 32;

    private ApiTokens() {}

    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The {@code tokenSha256} of a token, as presented after {@code Bearer } (surrounding blanks ignored). */
    public static String sha256(String token) {
        return Sha256.hex(token.strip());
    }
}
