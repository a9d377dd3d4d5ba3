package org.mlagateway.store;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A stored checkpoint: a {@value ChainSigner#ALGORITHM} signature over (seq, entry hash, time),
 * with the signer's certificate chain as a PkiPath and, optionally, an RFC 3161 time-stamp token
 * (DER) over SHA-256 of the same bytes. See {@code docs/message-log.md}.
 */
public record Checkpoint(
        long seq,
        String entryHash,
        long atMicros,
        String signatureAlgorithm,
        byte[] signature,
        byte[] signerChain,
        byte[] timestampToken) {

    /** The signed bytes: the four lines of {@link CheckpointCodec}. */
    public byte[] canonical() {
        return CheckpointCodec.canonical(seq, entryHash, atMicros);
    }

    /** The signer's certificate first, then its issuers, as stored with the checkpoint. */
    public List<X509Certificate> signerCertificates() throws GeneralSecurityException {
        return CheckpointCodec.decodeChain(signerChain);
    }
}
