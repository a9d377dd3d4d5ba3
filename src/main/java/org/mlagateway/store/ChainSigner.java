package org.mlagateway.store;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signs message-log checkpoints with the gateway's signing key. The signature algorithm is
 * {@value #ALGORITHM}; verification uses the first certificate of {@link #chain()}, which is
 * stored with each checkpoint.
 */
public interface ChainSigner {
    String ALGORITHM = "SHA256withRSA";

    /** A {@value #ALGORITHM} signature over {@code data}. */
    byte[] sign(byte[] data);

    /** The signer's certificate first, then its issuers up to the root. */
    List<X509Certificate> chain();
}
