package org.mlagateway.store;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** An RFC 3161 time-stamping authority, used to time-stamp message-log checkpoints. */
public interface TimeStamper {
    /**
     * Obtains a time-stamp token (RFC 3161 §2.4.2, DER) over a SHA-256 message imprint. Fails with
     * a {@link StoreException} when the authority cannot be reached or does not grant the request.
     */
    byte[] timestamp(byte[] sha256Imprint);

    /** The authority's certificate: tokens must verify against it. */
    X509Certificate certificate();

    /** A client that POSTs {@code application/timestamp-query} to {@code url} (RFC 3161 §3.4). */
    static TimeStamper http(URI url, X509Certificate tsaCertificate, Duration timeout) {
        return new HttpTimeStamper(url, tsaCertificate, timeout);
    }
}
