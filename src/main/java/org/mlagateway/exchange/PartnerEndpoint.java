package org.mlagateway.exchange;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** Where and how we deliver to one partner: its endpoint, its encryption certificate, a TLS client. */
public record PartnerEndpoint(String partnerId, URI endpoint, X509Certificate encryptionCertificate,
                              HttpClient client) {
    public PartnerEndpoint {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
        Objects.requireNonNull(client, "client");
    }
}
