package org.mlagateway.security;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Mutual TLS, optional per partner (docs/protocol.md#transport: for a partner that requires it, the
 * TLS client certificate chain must chain to that partner's TLS anchors. The TLS layer only asks
 * for a certificate; binding it to the partner happens here, once the sender is known.
 */
public final class TlsClientTrust {
    private final Map<String, List<X509Certificate>> requiredAnchors;

    /** Partner id to TLS anchors, for the partners that require mutual TLS. */
    public TlsClientTrust(Map<String, List<X509Certificate>> requiredAnchors) {
        this.requiredAnchors = Map.copyOf(requiredAnchors);
    }

    public void check(String partnerId, List<X509Certificate> clientChain) {
        List<X509Certificate> anchors = requiredAnchors.get(partnerId);
        if (anchors == null) {
            return;
        }
        if (clientChain.isEmpty()) {
            throw new GatewayException(
                    ErrorCode.CERTIFICATE_UNTRUSTED,
                    "partner " + partnerId + " requires mutual TLS and presented no client certificate");
        }
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            anchors.forEach(a -> trust.add(new TrustAnchor(a, null)));
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            CertPath path =
                    CertificateFactory.getInstance("X.509").generateCertPath(withoutAnchors(clientChain, anchors));
            CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (GeneralSecurityException e) {
            throw new GatewayException(
                    ErrorCode.CERTIFICATE_UNTRUSTED,
                    "the TLS client certificate does not chain to the TLS anchors of " + partnerId);
        }
    }

    private static List<X509Certificate> withoutAnchors(List<X509Certificate> chain, List<X509Certificate> anchors) {
        return chain.stream().filter(c -> !anchors.contains(c)).toList();
    }

    public boolean anyRequired() {
        return !requiredAnchors.isEmpty();
    }
}
