package org.mlagateway.config;

import java.nio.file.Path;

/**
 * One of our keys: in a PKCS#12 key store ({@code keystore}, {@code password}, {@code alias}, the
 * alias defaulting to the only key), the default; or in a PKCS#11 token ({@code pkcs11}, see
 * {@link Pkcs11Config} and docs/pkcs11.md). Exactly one of the two is given. A signing or encryption
 * key may name the key that follows it in a rollover, {@code next} (docs/key-rollover.md).
 */
public record KeyStoreConfig(
        @OptionalKey Path keystore,
        @OptionalKey Secret password,
        @OptionalKey String alias,
        @OptionalKey Pkcs11Config pkcs11,
        @OptionalKey NextKeyConfig next) {
    public KeyStoreConfig {
        if ((keystore == null) == (pkcs11 == null)) {
            throw new IllegalArgumentException("a key needs exactly one of 'keystore' (PKCS#12) or 'pkcs11' (a token)");
        }
        if (keystore != null && password == null) {
            throw new IllegalArgumentException("a key store needs its 'password'");
        }
        if (pkcs11 != null && (password != null || alias != null)) {
            throw new IllegalArgumentException("a token key takes its PIN and alias inside 'pkcs11', not beside it");
        }
        if (pkcs11 != null && pkcs11.alias() == null) {
            throw new IllegalArgumentException("a token key needs its 'alias' inside 'pkcs11'");
        }
    }

    /** A key without a next key. */
    public KeyStoreConfig(Path keystore, Secret password, String alias, Pkcs11Config pkcs11) {
        this(keystore, password, alias, pkcs11, null);
    }

    /** A key in a PKCS#12 key store. */
    public KeyStoreConfig(Path keystore, Secret password, String alias) {
        this(keystore, password, alias, null, null);
    }

    /** This key with {@code next} following it. */
    public KeyStoreConfig withNext(NextKeyConfig next) {
        return new KeyStoreConfig(keystore, password, alias, pkcs11, next);
    }

    /** A key in a PKCS#11 token. */
    public static KeyStoreConfig inToken(Pkcs11Config pkcs11) {
        return new KeyStoreConfig(null, null, null, pkcs11, null);
    }

    public boolean inToken() {
        return pkcs11 != null;
    }
}
