package org.mlagateway.security;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.mlagateway.security.pki.IssuedKey;

/**
 * Presents our one TLS key, wherever it lives: a key in a PKCS#11 token cannot be copied into the
 * in-memory key store the JDK's key managers read, so this hands the key itself to the TLS engine,
 * which signs with it through the token's provider. As the JDK's own key manager, it offers the key
 * only for the key type asked for and, when the peer names the certificate authorities it accepts,
 * only if our chain was issued by one of them.
 */
final class OwnKeyManager extends X509ExtendedKeyManager {
    static final String ALIAS = "tls";
    private final IssuedKey key;

    OwnKeyManager(IssuedKey key) {
        this.key = key;
    }

    private String choose(String keyType, Principal[] issuers) {
        String type = keyType.contains("_") ? keyType.substring(0, keyType.indexOf('_')) : keyType;
        if (!type.equals(key.certificate().getPublicKey().getAlgorithm())) {
            return null;
        }
        if (issuers == null || issuers.length == 0) {
            return ALIAS;
        }
        List<Principal> accepted = Arrays.asList(issuers);
        return key.chain().stream().anyMatch(c -> accepted.contains(c.getIssuerX500Principal())) ? ALIAS : null;
    }

    private String chooseAny(String[] keyTypes, Principal[] issuers) {
        if (keyTypes == null) {
            return null;
        }
        for (String keyType : keyTypes) {
            String alias = choose(keyType, issuers);
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String alias = choose(keyType, issuers);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseAny(keyTypes, issuers);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseAny(keyTypes, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, issuers);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? key.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key.privateKey() : null;
    }
}
