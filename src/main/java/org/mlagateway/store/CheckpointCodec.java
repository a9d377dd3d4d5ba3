package org.mlagateway.store;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a checkpoint signs: the UTF-8 lines {@code mla-gateway-checkpoint-v1}, seq, the entry's
 * hash (lower-case hex) and the checkpoint time in epoch microseconds, each ended by {@code \n}.
 * The RFC 3161 imprint is SHA-256 of the same bytes. The signer's chain is stored as a PkiPath
 * (RFC 3279 / X.509 certificate path encoding).
 */
final class CheckpointCodec {
    static final String VERSION = "mla-gateway-checkpoint-v1";
    private static final String PKI_PATH = "PkiPath";

    private CheckpointCodec() {}

    static byte[] canonical(long seq, String entryHash, long atMicros) {
        String text = VERSION + "\n" + seq + "\n" + entryHash + "\n" + atMicros + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encodeChain(List<X509Certificate> chain) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertPath(chain)
                    .getEncoded(PKI_PATH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the checkpoint signer's chain", e);
        }
    }

    static List<X509Certificate> decodeChain(byte[] encoded) throws GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509")
                .generateCertPath(new ByteArrayInputStream(encoded), PKI_PATH)
                .getCertificates()) {
            chain.add((X509Certificate) c);
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("empty signer chain");
        }
        return chain;
    }
}
