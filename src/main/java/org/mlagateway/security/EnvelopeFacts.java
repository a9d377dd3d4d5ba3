package org.mlagateway.security;

import java.security.cert.X509Certificate;

/**
 * What the verifier has read of one envelope so far, whether it then passes or fails: the subject
 * of the signing certificate once the BinarySecurityToken is parsed, and the claimed sender and
 * message id once the body is decrypted (before that the header is encrypted and unknowable).
 * The exchange records these with a rejection (PROTOCOL.md "Faults": every rejected attempt is
 * logged with the certificate subject and the claimed sender wherever the envelope let us read
 * them). Nothing here is trusted: it is what the envelope claimed. One instance serves one
 * request, on one thread.
 */
public final class EnvelopeFacts {
    private String certificateSubject;
    private String sender;
    private String messageId;
    private boolean senderBound;

    /** The signing certificate's subject (RFC 2253), or null if the token was not read. */
    public String certificateSubject() {
        return certificateSubject;
    }

    /** The {@code msg:Header} sender authority id as claimed, or null if not readable. */
    public String sender() {
        return sender;
    }

    /** The {@code msg:Header} message id as claimed, or null if not readable. */
    public String messageId() {
        return messageId;
    }

    /**
     * Whether the signing certificate was found to speak for the claimed sender. Until then the
     * message id is only a claim of whoever signed, which may name another partner's message.
     */
    public boolean senderBound() {
        return senderBound;
    }

    void signer(X509Certificate certificate) {
        certificateSubject = certificate.getSubjectX500Principal().getName();
    }

    void header(String claimedSender, String claimedMessageId) {
        sender = claimedSender;
        messageId = claimedMessageId;
    }

    void senderBound(boolean bound) {
        senderBound = bound;
    }
}
