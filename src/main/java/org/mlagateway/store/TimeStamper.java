package org.mlagateway.store;

import java.security.cert.X509Certificate;

/**
 * An RFC 3161 time-stamping authority, used to time-stamp message-log checkpoints. The store holds only
 * this interface; the HTTP client lives in {@code security} and {@code Gateway} wires it.
 */
public interface TimeStamper {
    /**
     * Obtains a time-stamp token (RFC 3161 §2.4.2, DER) over a SHA-256 message imprint. Fails with
     * a {@link StoreException} when the authority cannot be reached or does not grant the request.
     */
    byte[] timestamp(byte[] sha256Imprint);

    /** The authority's certificate: tokens must verify against it. */
    X509Certificate certificate();
}
