package org.mlagateway.security.pki;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first, ending with the issuing root. {@code provider}
 * is where the private key works when it cannot leave a device (the SunPKCS11 instance of its
 * token, docs/pkcs11.md); null for a key in memory, which any provider can use.
 */
public record IssuedKey(PrivateKey privateKey, List<X509Certificate> chain, Provider provider) {
    public IssuedKey {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A certificate chain needs at least the leaf certificate");
        }
    }

    /** A key in memory. */
    public IssuedKey(PrivateKey privateKey, List<X509Certificate> chain) {
        this(privateKey, chain, null);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Whether the private key lives in a token and every operation with it must run there. */
    public boolean inToken() {
        return provider != null;
    }
}
