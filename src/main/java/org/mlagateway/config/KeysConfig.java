package org.mlagateway.config;

import java.util.Objects;

/**
 * Our key stores. Signing, encryption and TLS keys are separate (docs/protocol.md: the signing key signs
 * messages and receipts, partners encrypt to the encryption certificate, TLS is transport only).
 * The signing and encryption keys may each have a {@code next} key for a rollover (docs/key-rollover.md).
 */
public record KeysConfig(KeyStoreConfig signing, KeyStoreConfig encryption, KeyStoreConfig tls) {
    public KeysConfig {
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(tls, "tls");
        if (tls.next() != null) {
            throw new IllegalArgumentException("the TLS key has no 'next': replace it (docs/key-rollover.md)");
        }
        if (signing.next() != null && signing.next().from() == null) {
            throw new IllegalArgumentException("a next signing key needs 'from', the instant it starts signing");
        }
    }
}
