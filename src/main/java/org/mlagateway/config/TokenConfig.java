package org.mlagateway.config;

import java.nio.file.Path;

/**
 * A PKCS#11 token without a key in it: the {@code library}, the token by {@code tokenLabel} or
 * {@code slot}, and the user {@code pin}, as in {@link Pkcs11Config}. The store's key-encryption key
 * names its token this way ({@code storage.kek.pkcs11}) and its key by {@code storage.kek.alias}.
 */
public record TokenConfig(
        Path library,
        @OptionalKey String tokenLabel,
        @OptionalKey Long slot,
        Secret pin) {
    public TokenConfig {
        // The same rules as for a token key.
        new Pkcs11Config(library, tokenLabel, slot, pin, null);
    }

    /** The token as {@link Pkcs11Config} without an alias, to open it. */
    public Pkcs11Config token() {
        return new Pkcs11Config(library, tokenLabel, slot, pin, null);
    }
}
