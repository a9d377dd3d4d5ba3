package org.mlagateway.store;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Signs message-log checkpoints with the gateway's signing key. The signature algorithm is
 * {@value #ALGORITHM}; verification uses the first certificate of the chain stored with each
 * checkpoint. During a signing-key rollover (docs/key-rollover.md) the key that signs a checkpoint
 * is the one that signs messages at the checkpoint's instant ({@link #sign(byte[], Instant)}).
 */
public interface ChainSigner {
    String ALGORITHM = "SHA256withRSA";

    /** A signature and the chain of the key that made it, its certificate first. */
    record Signed(byte[] signature, List<X509Certificate> chain) {
        public Signed {
            chain = List.copyOf(chain);
        }
    }

    /** A {@value #ALGORITHM} signature over {@code data} by the current key. */
    byte[] sign(byte[] data);

    /** The current key's certificate first, then its issuers up to the root. */
    List<X509Certificate> chain();

    /** A signature over {@code data} by the key that signs at {@code at}, with that key's chain. */
    default Signed sign(byte[] data, Instant at) {
        return new Signed(sign(data), chain());
    }

    /** The roots a checkpoint of this signer chains to: of the current key, and of the next one if any. */
    default List<X509Certificate> roots() {
        List<X509Certificate> chain = chain();
        return List.of(chain.get(chain.size() - 1));
    }
}
