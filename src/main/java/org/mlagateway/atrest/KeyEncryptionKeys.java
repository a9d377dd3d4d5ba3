package org.mlagateway.atrest;

/**
 * Where the key-encryption keys live, named by alias: a PKCS#12 key store ({@link KeyStoreKeks}), a
 * PKCS#11 token that wraps and unwraps inside itself ({@link TokenKeks}), or both while moving from
 * the one to the other ({@link CombinedKeks}). Implementations are thread-safe.
 */
public interface KeyEncryptionKeys {
    /** Encrypts a data key under the key-encryption key {@code alias}. */
    byte[] wrap(String alias, byte[] dataKey);

    /**
     * Decrypts a data key wrapped under {@code alias}; fails with {@code STORED_DATA_UNREADABLE}
     * when the key there is not the one that wrapped it.
     */
    byte[] unwrap(String alias, byte[] wrapped);

    /** Whether an entry {@code alias} holds a key-encryption key (an AES secret key). */
    boolean has(String alias);

    /** Where the keys are, for messages (never a secret). */
    String describe();
}
