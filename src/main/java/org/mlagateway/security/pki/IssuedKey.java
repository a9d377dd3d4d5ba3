package org.mlagateway.security.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A private key with its certificate chain, leaf first, ending with the issuing root. */
public record IssuedKey(PrivateKey privateKey, List<X509Certificate> chain) {
    public IssuedKey {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A certificate chain needs at least the leaf certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
