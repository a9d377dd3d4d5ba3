package org.mlagateway.security;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;

/**
 * An inbound message that passed every security step: its decrypted {@code msg:Message} element,
 * the signer and the partner it speaks for, and what a receipt must repeat of its signature.
 * {@code referenceElements} are the sender's {@code ds:Reference} elements, for the receipt's
 * non-repudiation information. {@code parts} are its attachment parts, signed and encrypted, still to
 * be read and checked (docs/protocol.md#attachments).
 */
public record VerifiedMessage(
        Element message,
        X509Certificate signer,
        String partnerId,
        String senderAuthorityId,
        List<SignedReference> references,
        List<Element> referenceElements,
        byte[] signatureValue,
        Instant created,
        Instant expires,
        List<VerifiedPart> parts) {

    public VerifiedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(partnerId, "partnerId");
        references = List.copyOf(references);
        referenceElements = List.copyOf(referenceElements);
        parts = List.copyOf(parts);
        signatureValue = signatureValue.clone();
    }

    /** A message without attachment parts. */
    public VerifiedMessage(
            Element message,
            X509Certificate signer,
            String partnerId,
            String senderAuthorityId,
            List<SignedReference> references,
            List<Element> referenceElements,
            byte[] signatureValue,
            Instant created,
            Instant expires) {
        this(
                message,
                signer,
                partnerId,
                senderAuthorityId,
                references,
                referenceElements,
                signatureValue,
                created,
                expires,
                List.of());
    }

    @Override
    public byte[] signatureValue() {
        return signatureValue.clone();
    }
}
