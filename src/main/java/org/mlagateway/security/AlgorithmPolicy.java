package org.mlagateway.security;

import java.util.Set;

/**
 * The algorithm profile of exchange binding v1 (docs/protocol.md#security-header, which follows the
 * EU eDelivery AS4 security profile. Anything outside it is refused as {@code UnsupportedAlgorithm}:
 * rsa-sha1, SHA-1 digests, rsa-1_5 key transport, CBC data encryption and HMAC signatures.
 */
public record AlgorithmPolicy(
        String canonicalization,
        String signature,
        String digest,
        Set<String> dataEncryption,
        String outboundDataEncryption,
        String keyTransport,
        String keyTransportMgf,
        String keyTransportDigest,
        int minRsaBits) {

    public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    public static final String RSA_OAEP_11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public static final String MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";

    /** The one profile: exclusive C14N, RSA-SHA256, SHA-256, AES-GCM, RSA-OAEP with MGF1-SHA256. */
    public static final AlgorithmPolicy PROFILE = new AlgorithmPolicy(
            EXC_C14N,
            RSA_SHA256,
            SHA256,
            Set.of(AES128_GCM, AES256_GCM),
            AES128_GCM,
            RSA_OAEP_11,
            MGF1_SHA256,
            SHA256,
            2048);

    public AlgorithmPolicy {
        dataEncryption = Set.copyOf(dataEncryption);
        if (!dataEncryption.contains(outboundDataEncryption)) {
            throw new IllegalArgumentException("the outbound data encryption must be one the profile accepts");
        }
    }
}
