package org.mlagateway.atrest;

/**
 * The key-encryption keys of a token and of a key store together, while moving from the one to the
 * other ({@code keys rotate-kek}): an alias is looked for in the token first, then in the key store.
 */
final class CombinedKeks implements KeyEncryptionKeys {
    private final KeyEncryptionKeys token;
    private final KeyEncryptionKeys keyStore;

    CombinedKeks(KeyEncryptionKeys token, KeyEncryptionKeys keyStore) {
        this.token = token;
        this.keyStore = keyStore;
    }

    @Override
    public byte[] wrap(String alias, byte[] dataKey) {
        return holder(alias).wrap(alias, dataKey);
    }

    @Override
    public byte[] unwrap(String alias, byte[] wrapped) {
        return holder(alias).unwrap(alias, wrapped);
    }

    @Override
    public boolean has(String alias) {
        return token.has(alias) || keyStore.has(alias);
    }

    @Override
    public String describe() {
        return token.describe() + " or " + keyStore.describe();
    }

    /** The token when it holds {@code alias}, else the key store (which then fails naming itself if it does not). */
    private KeyEncryptionKeys holder(String alias) {
        return token.has(alias) ? token : keyStore;
    }
}
