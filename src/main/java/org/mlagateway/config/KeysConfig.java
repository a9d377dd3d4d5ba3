package org.mlagateway.config;

import java.util.Objects;

/**
 * Our key stores. Signing, encryption and TLS keys are separate (docs/protocol.md: the signing key signs
 * messages and receipts, partners encrypt to the encryption certificate, TLS is transport only).
 */
public record KeysConfig(KeyStoreConfig signing, KeyStoreConfig encryption, KeyStoreConfig tls) {
    public KeysConfig {
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(tls, "tls");
    }
}
