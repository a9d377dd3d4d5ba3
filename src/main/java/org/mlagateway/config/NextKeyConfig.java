package org.mlagateway.config;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The key that follows one of ours in a rollover (docs/key-rollover.md), written as {@code next} under
 * {@code keys.signing} or {@code keys.encryption}: where it is, as for the current key, and
 * {@code from}, the instant it takes over. A next signing key signs from {@code from} on, so it needs
 * one; a next encryption key decrypts as soon as it is configured (partners switch to it at the date
 * we announce), so its {@code from} is only that announced date, for the operator's checks.
 */
public record NextKeyConfig(
        @OptionalKey Path keystore,
        @OptionalKey Secret password,
        @OptionalKey String alias,
        @OptionalKey Pkcs11Config pkcs11,
        @OptionalKey Instant from) {
    public NextKeyConfig {
        // The same rules as for the current key.
        new KeyStoreConfig(keystore, password, alias, pkcs11);
    }

    /** Where the next key is, as a key of its own. */
    public KeyStoreConfig key() {
        return new KeyStoreConfig(keystore, password, alias, pkcs11);
    }
}
