package org.mlagateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The key-encryption key of the store (docs/encryption-at-rest.md): an AES-256 secret-key entry in
 * a PKCS#12 key store. It wraps the data keys that encrypt envelopes, message XML and documents.
 * {@code alias} names the entry that wraps new data keys on a store that has none yet; once the
 * store has data keys, the store records which entry wraps them ({@code keys rotate-kek} changes
 * it), and the key store may hold older and newer entries side by side.
 */
public record KekConfig(Path keystore, Secret password, String alias) {
    public KekConfig {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank() || alias.length() > 128) {
            throw new IllegalArgumentException("alias must be 1 to 128 characters");
        }
    }
}
