package org.mlagateway.store;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * RFC 3161 time-stamping, used to time-stamp message-log checkpoints. The store holds only this
 * interface; the HTTP clients and their failover live in {@code security} and {@code Gateway} wires
 * them. The checkpoint worker asks without waiting: a slow or absent authority delays the stamp,
 * never a commit, a signature or the anchor file.
 */
public interface TimeStamper {
    /**
     * Asks for a time-stamp token (RFC 3161 §2.4.2, DER) over a SHA-256 message imprint. The answer
     * completes within the authorities' deadlines, exceptionally with a {@link StoreException} when no
     * authority can be reached, answers in time, or grants the request. Cancelling it abandons the request.
     */
    CompletableFuture<byte[]> timestamp(byte[] sha256Imprint);

    /** The authorities' certificates: a token must verify against one of them. */
    List<X509Certificate> certificates();
}
