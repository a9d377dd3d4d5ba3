package org.mlagateway.exchange;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * Where and how we deliver to one partner: its endpoint, its encryption certificate, a TLS client.
 * During the partner's key rollover (docs/key-rollover.md) also its next encryption certificate and
 * the instant, announced by the partner, from which we encrypt to that one.
 */
public record PartnerEndpoint(
        String partnerId,
        URI endpoint,
        X509Certificate encryptionCertificate,
        HttpClient client,
        X509Certificate nextEncryptionCertificate,
        Instant nextFrom) {
    public PartnerEndpoint {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
        Objects.requireNonNull(client, "client");
        if ((nextEncryptionCertificate == null) != (nextFrom == null)) {
            throw new IllegalArgumentException("a next encryption certificate comes with the instant we switch to it");
        }
    }

    /** A partner without a rollover under way. */
    public PartnerEndpoint(String partnerId, URI endpoint, X509Certificate encryptionCertificate, HttpClient client) {
        this(partnerId, endpoint, encryptionCertificate, client, null, null);
    }

    /** The certificate we encrypt to at {@code at}. */
    public X509Certificate encryptionCertificate(Instant at) {
        return nextEncryptionCertificate != null && !at.isBefore(nextFrom)
                ? nextEncryptionCertificate
                : encryptionCertificate;
    }
}
