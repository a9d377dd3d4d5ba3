package org.mlagateway.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mlagateway.config.KeyStoreConfig;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.ChainSigner;

/**
 * Signs message-log checkpoints with the gateway's signing key (SHA256withRSA). During a rollover
 * (docs/key-rollover.md) the key is chosen by {@link SigningKeys#at} at the checkpoint's instant,
 * as messages are signed: from {@code keys.signing.next.from} on, checkpoints are signed by the next key.
 */
public final class KeyStoreChainSigner implements ChainSigner {
    private final SigningKeys keys;

    public KeyStoreChainSigner(IssuedKey key) {
        this(SigningKeys.single(key));
    }

    public KeyStoreChainSigner(SigningKeys keys) {
        this.keys = keys;
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
        return sign(keys.current(), data);
    }

    @Override
    public List<X509Certificate> chain() {
        return keys.current().chain();
    }

    @Override
    public Signed sign(byte[] data, Instant at) {
        IssuedKey key = keys.at(at);
        return new Signed(sign(key, data), key.chain());
    }

    @Override
    public List<X509Certificate> roots() {
        List<X509Certificate> roots = new ArrayList<>(ChainSigner.super.roots());
        if (keys.next() != null) {
            X509Certificate next = keys.next().chain().get(keys.next().chain().size() - 1);
            if (!roots.contains(next)) {
                roots.add(next);
            }
        }
        return roots;
    }

    private static byte[] sign(IssuedKey key, byte[] data) {
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
}
