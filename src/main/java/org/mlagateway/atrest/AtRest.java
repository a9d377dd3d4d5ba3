package org.mlagateway.atrest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.KekConfig;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.store.ContentSealer;
import org.mlagateway.store.DataKeys;

/** Encryption at rest as the gateway and the commands use it. */
public final class AtRest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AtRest.class);

    private AtRest() {}

    /**
     * The sealer of a store configured with {@code storage.kek}, or null without one (the store is
     * then kept in clear). The key store is read now: a missing file or wrong password fails here.
     */
    public static ContentSealer.Factory sealing(StorageConfig storage, Clock clock) {
        KekConfig kek = storage.kek();
        if (kek == null) {
            LOG.warn("storage.kek is not configured: envelopes, message XML and documents are stored in clear"
                    + " (docs/encryption-at-rest.md)");
            return null;
        }
        SecureRandom random = new SecureRandom();
        KeyStoreKeks keks = KeyStoreKeks.open(kek, random);
        return keys -> new DataKeySealer(keys, keks, kek.alias(), random, clock);
    }

    /**
     * What is wrong with a configured key-encryption key, without opening the store: the key store
     * must open with its password and hold an AES-256 secret-key entry under {@code alias}.
     */
    public static java.util.Optional<String> check(KekConfig kek) {
        try {
            KeyStoreKeks keks = KeyStoreKeks.open(kek, new SecureRandom());
            return keks.has(kek.alias())
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(
                            "'" + kek.alias() + "' is not an AES-256 secret-key entry of " + keks.describe());
        } catch (ConfigException e) {
            return java.util.Optional.of(String.join("; ", e.problems()));
        }
    }

    /**
     * Re-wraps every data key of the store under the key store's entry {@code newAlias}, which then
     * wraps new data keys; in one transaction, while gateways keep running on the store. Returns
     * the number of data keys re-wrapped.
     */
    public static int rotate(DataKeys keys, KekConfig kek, String newAlias) {
        KeyStoreKeks keks = KeyStoreKeks.open(kek, new SecureRandom());
        if (!keks.has(newAlias)) {
            throw new ConfigException(List.of(
                    "--new-alias: '" + newAlias + "' is not an AES-256 secret-key entry of " + keks.describe()));
        }
        return keys.rotate(newAlias, k -> keks.wrap(newAlias, keks.unwrap(k.kekAlias(), k.wrapped())));
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
