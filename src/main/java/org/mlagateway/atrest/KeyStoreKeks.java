package org.mlagateway.atrest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.KekConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Key-encryption keys held as AES-256 secret-key entries of one PKCS#12 key store, named by alias.
 * A data key is wrapped with AES-256-GCM: {@code nonce (12 random bytes) | ciphertext | tag}, the
 * additional data naming the alias, so that a wrapped key moved under another alias fails. The file
 * is read again when an alias is asked for that it did not hold when last read: a running gateway
 * thus finds the entry that {@code keys rotate-kek} switched the store to, once it is in the file.
 */
public final class KeyStoreKeks implements KeyEncryptionKeys {
    private static final byte[] LABEL = "mla-gateway data key|".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;

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
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key(alias), nonce, alias, dataKey, 0, dataKey.length);
        return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    }

    @Override
    public byte[] unwrap(String alias, byte[] wrapped) {
        if (wrapped.length <= NONCE + 16) {
            throw new GatewayException(ErrorCode.STORED_DATA_UNREADABLE, "a wrapped data key is too short");
        }
        return crypt(
                Cipher.DECRYPT_MODE,
                key(alias),
                Arrays.copyOf(wrapped, NONCE),
                alias,
                wrapped,
                NONCE,
                wrapped.length - NONCE);
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

    private static byte[] crypt(
            int mode, SecretKey key, byte[] nonce, String alias, byte[] data, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(LABEL);
            cipher.updateAAD(alias.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data, offset, length);
        } catch (AEADBadTagException e) {
            throw new GatewayException(
                    ErrorCode.STORED_DATA_UNREADABLE,
                    "the key-encryption key '" + alias
                            + "' does not unwrap the data key: it is not the key that wrapped it");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
