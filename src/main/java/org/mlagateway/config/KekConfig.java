package org.mlagateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The key-encryption key of the store (docs/encryption-at-rest.md): an AES-256 secret-key entry in
 * a PKCS#12 key store ({@code keystore}, {@code password}), or an AES-256 secret key in a PKCS#11
 * token ({@code pkcs11}: library, token and PIN, without an alias; {@link TokenConfig}), or both
 * while moving from the one to the other (each alias is then looked for in the token first, then in
 * the key store). It wraps
 * the data keys that encrypt envelopes, message XML and documents. {@code alias} names the key that
 * wraps new data keys on a store that has none yet; once the store has data keys, the store records
 * which key wraps them ({@code keys rotate-kek} changes it), and older and newer keys may sit side
 * by side.
 */
public record KekConfig(
        @OptionalKey Path keystore,
        @OptionalKey Secret password,
        String alias,
        @OptionalKey TokenConfig pkcs11) {
    public KekConfig {
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank() || alias.length() > 128) {
            throw new IllegalArgumentException("alias must be 1 to 128 characters");
        }
        if (keystore == null && pkcs11 == null) {
            throw new IllegalArgumentException(
                    "a key-encryption key needs 'keystore' (PKCS#12), 'pkcs11' (a token) or, while moving, both");
        }
        if ((keystore == null) != (password == null)) {
            throw new IllegalArgumentException("'keystore' and 'password' go together");
        }
    }

    /** A key-encryption key in a PKCS#12 key store. */
    public KekConfig(Path keystore, Secret password, String alias) {
        this(keystore, password, alias, null);
    }

    /** A key-encryption key in a PKCS#11 token. */
    public static KekConfig inToken(TokenConfig pkcs11, String alias) {
        return new KekConfig(null, null, alias, pkcs11);
    }

    /** The same keys, {@code newAlias} wrapping new data keys. */
    public KekConfig withAlias(String newAlias) {
        return new KekConfig(keystore, password, newAlias, pkcs11);
    }
}
