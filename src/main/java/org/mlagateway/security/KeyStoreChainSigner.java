package org.mlagateway.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.mlagateway.config.KeyStoreConfig;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.ChainSigner;

/** Signs message-log checkpoints with the gateway's signing key (SHA256withRSA). */
public final class KeyStoreChainSigner implements ChainSigner {
    private final IssuedKey key;

    public KeyStoreChainSigner(IssuedKey key) {
        this.key = key;
    }

    /**
     * Loads the key named by {@code keys.signing} from its key store; fails naming the key store, never the
     * password. A key in a token is opened with {@link KeyMaterial#ownKey} and {@link #KeyStoreChainSigner(IssuedKey)}.
     */
    public static KeyStoreChainSigner load(KeyStoreConfig config) {
        if (config.inToken()) {
            throw new IllegalStateException("the signing key is in a token; open it through KeyMaterial");
        }
        char[] password = config.password().reveal();
        try {
            KeyStore store = PkiFiles.openPkcs12(config.keystore(), password);
            return new KeyStoreChainSigner(PkiFiles.readKey(store, config.alias(), password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot load the signing key from " + config.keystore().getFileName() + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature signature =
                    key.inToken() ? Signature.getInstance(ALGORITHM, key.provider()) : Signature.getInstance(ALGORITHM);
            signature.initSign(key.privateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a log checkpoint with " + ALGORITHM, e);
        }
    }

    @Override
    public List<X509Certificate> chain() {
        return key.chain();
    }
}
