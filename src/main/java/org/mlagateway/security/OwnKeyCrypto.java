package org.mlagateway.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import javax.security.auth.callback.CallbackHandler;
import org.apache.wss4j.common.crypto.CryptoType;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.mlagateway.security.pki.IssuedKey;

/**
 * WSS4J's view of our signing key: WSS4J asks its {@code Crypto} for the private key and the
 * certificates of an alias, and a key in a PKCS#11 token cannot be copied into the in-memory key
 * store a plain {@link Merlin} reads. This serves the key and its chain themselves, in memory or in
 * a token alike, under {@link #ALIAS} only. Partner certificates never come from here: the sealer
 * names the recipient's certificate, and inbound verification does not use WSS4J's trust.
 */
final class OwnKeyCrypto extends Merlin {
    static final String ALIAS = "signing";
    private final IssuedKey key;

    OwnKeyCrypto(IssuedKey key) {
        this.key = key;
    }

    @Override
    public X509Certificate[] getX509Certificates(CryptoType type) throws WSSecurityException {
        if (type != null && type.getType() == CryptoType.TYPE.ALIAS && ALIAS.equals(type.getAlias())) {
            return key.chain().toArray(new X509Certificate[0]);
        }
        return null;
    }

    @Override
    public PrivateKey getPrivateKey(String identifier, String password) {
        return ALIAS.equals(identifier) ? key.privateKey() : null;
    }

    @Override
    public PrivateKey getPrivateKey(X509Certificate certificate, CallbackHandler callbackHandler) {
        return key.certificate().equals(certificate) ? key.privateKey() : null;
    }

    @Override
    public PrivateKey getPrivateKey(PublicKey publicKey, CallbackHandler callbackHandler) {
        return key.certificate().getPublicKey().equals(publicKey) ? key.privateKey() : null;
    }
}
