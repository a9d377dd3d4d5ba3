package org.mlagateway.security;

import java.util.Set;

/**
 * An eDelivery AS4 security profile, stated once (docs/as4.md#profiles): the algorithms a message
 * must use, and nothing else is accepted. {@link #EDELIVERY_1} is eDelivery AS4 1.x: exclusive C14N,
 * RSA-SHA256 over SHA-256 digests, the SwA Attachment-Content-Signature-Transform for payload parts,
 * AES-128-GCM part encryption (Attachment-Content-Only) and RSA-OAEP (XML Encryption 1.1) with
 * MGF1-SHA256 and SHA-256 key transport.
 */
public record As4Profile(
        String name,
        String canonicalization,
        String signature,
        String digest,
        Set<String> referenceTransforms,
        String dataEncryption,
        String partEncryptionType,
        String keyTransport,
        String keyTransportMgf,
        String keyTransportDigest,
        int minRsaBits) {

    public static final String EBMS = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    public static final String EBBP = "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0";
    /** SwA profile 1.1 §5.3.2: the part's content, without its MIME headers. */
    public static final String ATTACHMENT_CONTENT_SIGNATURE =
            "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Signature-Transform";
    /** SwA profile 1.1 §5.4.2: only the part's content is encrypted. */
    public static final String ATTACHMENT_CONTENT_ONLY =
            "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Only";
    /** ebMS3 core §4.1: the default roles and message partition channel. */
    public static final String INITIATOR = EBMS + "initiator";

    public static final String RESPONDER = EBMS + "responder";
    /** AS4 §3.1 compression: the part property naming gzip, and the original type. */
    public static final String GZIP = "application/gzip";

    public static final As4Profile EDELIVERY_1 = new As4Profile(
            "edelivery-1",
            AlgorithmPolicy.EXC_C14N,
            AlgorithmPolicy.RSA_SHA256,
            AlgorithmPolicy.SHA256,
            Set.of(AlgorithmPolicy.EXC_C14N, ATTACHMENT_CONTENT_SIGNATURE),
            AlgorithmPolicy.AES128_GCM,
            ATTACHMENT_CONTENT_ONLY,
            AlgorithmPolicy.RSA_OAEP_11,
            AlgorithmPolicy.MGF1_SHA256,
            AlgorithmPolicy.SHA256,
            2048);

    public As4Profile {
        referenceTransforms = Set.copyOf(referenceTransforms);
    }

    /** The profile of a partner's {@code as4.profile}; only edelivery-1 is implemented. */
    public static As4Profile named(String name) {
        if (EDELIVERY_1.name().equals(name)) {
            return EDELIVERY_1;
        }
        throw new IllegalArgumentException("AS4 profile " + name + " is not implemented (docs/as4.md#profiles)");
    }
}
