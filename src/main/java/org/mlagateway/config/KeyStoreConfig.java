package org.mlagateway.config;

import java.nio.file.Path;
import java.util.Objects;

/** A PKCS#12 key store holding one private key entry, the alias defaulting to the only key. */
public record KeyStoreConfig(Path keystore, Secret password, @OptionalKey String alias) {
    public KeyStoreConfig {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
    }
}
