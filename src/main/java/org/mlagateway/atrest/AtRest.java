package org.mlagateway.atrest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.KekConfig;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.security.token.Tokens;
import org.mlagateway.store.ContentSealer;
import org.mlagateway.store.DataKeys;

/** Encryption at rest as the gateway and the commands use it. */
public final class AtRest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AtRest.class);

    private AtRest() {}

    /**
     * The sealer of a store configured with {@code storage.kek}, or null without one (the store is
     * then kept in clear). The key store is read now, the token logged in to through {@code tokens}: a
     * missing file, a wrong password or PIN, a missing token or key fails here, naming it.
     */
    public static ContentSealer.Factory sealing(StorageConfig storage, Clock clock, Tokens tokens) {
        KekConfig kek = storage.kek();
        if (kek == null) {
            LOG.warn("storage.kek is not configured: envelopes, message XML and documents are stored in clear"
                    + " (docs/encryption-at-rest.md)");
            return null;
        }
        SecureRandom random = new SecureRandom();
        KeyEncryptionKeys keks = keks(kek, tokens, random);
        return keys -> new DataKeySealer(keys, keks, kek.alias(), random, clock);
    }

    /** As {@link #sealing(StorageConfig, Clock, Tokens)}, for a key-encryption key in a key store only. */
    public static ContentSealer.Factory sealing(StorageConfig storage, Clock clock) {
        if (storage.kek() != null && storage.kek().pkcs11() != null) {
            throw new IllegalArgumentException("a key-encryption key in a token needs the caller's Tokens");
        }
        return sealing(storage, clock, null);
    }

    /**
     * What is wrong with a configured key-encryption key, without opening the store: the key store
     * must open with its password, the token with its PIN, and one of them must hold an AES-256
     * secret key under {@code alias} (in a token: sensitive and not extractable, and working).
     */
    public static Optional<String> check(KekConfig kek, Tokens tokens) {
        try {
            KeyEncryptionKeys keks = keks(kek, tokens, new SecureRandom());
            return keks.has(kek.alias())
                    ? Optional.empty()
                    : Optional.of("'" + kek.alias() + "' is not an AES-256 secret-key entry of " + keks.describe());
        } catch (ConfigException e) {
            return Optional.of(String.join("; ", e.problems()).replaceFirst("^storage\\.kek: ", ""));
        }
    }

    /**
     * Re-wraps every data key of the store under the key-encryption key {@code newAlias} (in the
     * token or the key store that {@code kek} names), which then wraps new data keys; in one
     * transaction, while gateways keep running on the store. Returns the number of data keys
     * re-wrapped. With both a key store and a token configured, this moves the data keys from the one
     * to the other.
     */
    public static int rotate(DataKeys keys, KekConfig kek, String newAlias, Tokens tokens) {
        KeyEncryptionKeys keks = keks(kek, tokens, new SecureRandom());
        if (!keks.has(newAlias)) {
            throw new ConfigException(List.of(
                    "--new-alias: '" + newAlias + "' is not an AES-256 secret-key entry of " + keks.describe()));
        }
        return keys.rotate(newAlias, k -> keks.wrap(newAlias, keks.unwrap(k.kekAlias(), k.wrapped())));
    }

    /** As {@link #rotate(DataKeys, KekConfig, String, Tokens)}, for a key-encryption key in a key store only. */
    public static int rotate(DataKeys keys, KekConfig kek, String newAlias) {
        return rotate(keys, kek, newAlias, null);
    }

    /**
     * The key-encryption keys {@code kek} names: its key store, its token (the configured alias proved
     * to work there and watched by {@code tokens}), or both.
     */
    private static KeyEncryptionKeys keks(KekConfig kek, Tokens tokens, SecureRandom random) {
        KeyEncryptionKeys keyStore = kek.keystore() == null ? null : KeyStoreKeks.open(kek, random);
        if (kek.pkcs11() == null) {
            return keyStore;
        }
        if (tokens == null) {
            throw new IllegalArgumentException("a key-encryption key in a token needs the caller's Tokens");
        }
        // The configured alias must be in the token, unless a key store beside it holds it (moving to the token).
        boolean inKeyStore = keyStore != null && keyStore.has(kek.alias());
        KeyEncryptionKeys token = inKeyStore
                ? TokenKeks.open(tokens, kek.pkcs11().token(), null, random)
                : TokenKeks.open(tokens, kek.pkcs11().token(), kek.alias(), random);
        return keyStore == null ? token : new CombinedKeks(token, keyStore);
    }

    /** Writes a PKCS#12 key store holding one new random AES-256 key-encryption key under {@code alias}. */
    public static void writeKeyStore(Path file, char[] password, String alias, SecureRandom random) throws IOException {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (Files.isRegularFile(file)) {
                try (var in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
            }
            store.setEntry(
                    alias,
                    new KeyStore.SecretKeyEntry(new SecretKeySpec(raw, "AES")),
                    new KeyStore.PasswordProtection(password));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, password);
            OwnerOnly.write(file, out.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key store " + file, e);
        }
    }
}
