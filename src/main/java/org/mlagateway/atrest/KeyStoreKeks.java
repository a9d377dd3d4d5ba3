package org.mlagateway.atrest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.KekConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Key-encryption keys held as AES-256 secret-key entries of one PKCS#12 key store, named by alias,
 * wrapping data keys as {@link KekGcm} does. The file
 * is read again when an alias is asked for that it did not hold when last read: a running gateway
 * thus finds the entry that {@code keys rotate-kek} switched the store to, once it is in the file.
 */
public final class KeyStoreKeks implements KeyEncryptionKeys {
    private final Path file;
    private final char[] password;
    private final SecureRandom random;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

    private KeyStoreKeks(Path file, char[] password, SecureRandom random) {
        this.file = file;
        this.password = password;
        this.random = random;
    }

    /** The key store of {@code config}, read now; fails with a {@link ConfigException} naming the problem. */
    public static KeyStoreKeks open(KekConfig config, SecureRandom random) {
        char[] password;
        try {
            password = config.password().reveal();
        } catch (RuntimeException e) {
            throw new ConfigException(java.util.List.of("storage.kek.password: " + e.getMessage()));
        }
        KeyStoreKeks keks = new KeyStoreKeks(config.keystore(), password, random);
        keks.reload();
        return keks;
    }

    @Override
    public byte[] wrap(String alias, byte[] dataKey) {
        return KekGcm.wrap(key(alias), null, alias, dataKey, random);
    }

    @Override
    public byte[] unwrap(String alias, byte[] wrapped) {
        return KekGcm.unwrap(key(alias), null, alias, wrapped);
    }

    @Override
    public boolean has(String alias) {
        if (!keys.containsKey(alias)) {
            reload();
        }
        return keys.containsKey(alias);
    }

    @Override
    public String describe() {
        return "key store " + file;
    }

    private SecretKey key(String alias) {
        if (!has(alias)) {
            throw new GatewayException(
                    ErrorCode.STORED_DATA_UNREADABLE,
                    "the key-encryption key '" + alias + "' is not an AES secret-key entry of " + describe());
        }
        return keys.get(alias);
    }

    /** Reads every AES secret-key entry of the file. */
    private synchronized void reload() {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(java.util.List.of("storage.kek: cannot read the key store " + file + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
        }
        try {
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                    Key key = store.getKey(alias, password);
                    if (key instanceof SecretKey secret
                            && "AES".equalsIgnoreCase(secret.getAlgorithm())
                            && secret.getEncoded() != null
                            && secret.getEncoded().length == 32) {
                        keys.putIfAbsent(alias, secret);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException(java.util.List.of("storage.kek: cannot read the entries of " + file + " ("
                    + e.getClass().getSimpleName() + ")"));
        }
    }
}
