package org.mlagateway.security;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ebMS signals of our AS4 binding (docs/as4.md#receipts-and-errors): the signed non-repudiation
 * Receipt we answer a UserMessage with, once it is durably committed, which repeats every
 * {@code ds:Reference} of the sender's signature (AS4 §5.1.8, ebbp-signals NonRepudiationInformation);
 * the ebMS Error we answer a rejection with; and the check of a partner's receipt against what we sent.
 */
public final class As4Signals {
    /** An ebMS error as it goes on the wire: code, its short name, category and our catalogue's code. */
    public record EbmsError(String code, String shortDescription, String category) {}

    private final As4Sealer sealer;
    private final As4Verifier verifier;
    private final Clock clock;

    public As4Signals(As4Sealer sealer, As4Verifier verifier, Clock clock) {
        this.sealer = sealer;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Our signed Receipt for {@code refToMessageId}, repeating the sender's references. */
    public byte[] receipt(String refToMessageId, List<Element> senderReferences, As4Profile profile) {
        return sealer.signSignal(
                messaging -> {
                    Document doc = messaging.getOwnerDocument();
                    Element signal = signal(messaging, refToMessageId);
                    Element receipt = ebms(doc, signal, "Receipt");
                    Element nri = doc.createElementNS(As4Profile.EBBP, "ebbp:NonRepudiationInformation");
                    receipt.appendChild(nri);
                    for (Element ref : senderReferences) {
                        Element part = doc.createElementNS(As4Profile.EBBP, "ebbp:MessagePartNRInformation");
                        nri.appendChild(part);
                        part.appendChild(doc.importNode(ref, true));
                    }
                },
                profile);
    }

    /**
     * An ebMS error for a rejection: unsigned (it may answer what we could not even read), with the
     * ebMS code, our catalogue's code and the correlation id in ErrorDetail, and nothing of the input.
     */
    public byte[] error(EbmsError ebms, ErrorCode code, String refToMessageId, String correlationId) {
        return sealer.unsignedSignal(messaging -> {
            Document doc = messaging.getOwnerDocument();
            Element signal = signal(messaging, null);
            Element error = ebms(doc, signal, "Error");
            error.setAttribute("errorCode", ebms.code());
            error.setAttribute("severity", "failure");
            error.setAttribute("category", ebms.category());
            error.setAttribute("origin", "ebMS");
            error.setAttribute("shortDescription", ebms.shortDescription());
            if (refToMessageId != null) {
                error.setAttribute("refToMessageInError", refToMessageId);
            }
            Element description = ebms(doc, error, "Description");
            description.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "en");
            description.setTextContent(code.reason());
            ebms(doc, error, "ErrorDetail").setTextContent(code.wireName() + " (correlation " + correlationId + ")");
        });
    }

    /**
     * Verifies a partner's answer to our UserMessage {@code messageId}: a signal signed by a certificate
     * trusted for {@code partnerId}, a Receipt that refers to our message, and among its
     * NonRepudiationInformation every reference we signed, with the same digest.
     *
     * @throws GatewayException with the step's code when any of this fails; {@code PartnerFault} when the
     *                          answer is an ebMS error
     */
    public void verifyReceipt(
            byte[] answer, String messageId, List<SignedReference> sent, String partnerId, As4Profile profile) {
        As4Verifier.VerifiedSignal verified = verifier.verifySignal(answer, profile);
        if (!verified.trustedPartners().contains(partnerId)) {
            throw new GatewayException(ErrorCode.SENDER_MISMATCH, "the receipt is not signed for " + partnerId);
        }
        Element signal = verified.signal();
        Element error = Dom.child(signal, As4Profile.EBMS, "Error");
        if (error != null) {
            throw new GatewayException(
                    ErrorCode.PARTNER_FAULT,
                    "ebMS error " + error.getAttribute("errorCode") + " " + error.getAttribute("shortDescription"));
        }
        Element info = Dom.child(signal, As4Profile.EBMS, "MessageInfo");
        String ref = info == null ? null : Dom.text(info, As4Profile.EBMS, "RefToMessageId");
        if (ref == null || !messageId.equals(ref.strip())) {
            throw new GatewayException(ErrorCode.RECEIPT_INVALID, "the receipt refers to another message");
        }
        Element receipt = Dom.child(signal, As4Profile.EBMS, "Receipt");
        Element nri = receipt == null ? null : Dom.child(receipt, As4Profile.EBBP, "NonRepudiationInformation");
        if (nri == null) {
            throw new GatewayException(ErrorCode.RECEIPT_INVALID, "the receipt has no NonRepudiationInformation");
        }
        List<SignedReference> receipted = new ArrayList<>();
        for (Element part : Dom.children(nri, As4Profile.EBBP, "MessagePartNRInformation")) {
            receipted.addAll(EnvelopeSealer.referencesIn(part));
        }
        for (SignedReference ours : sent) {
            if (!receipted.contains(ours)) {
                throw new GatewayException(
                        ErrorCode.RECEIPT_INVALID, "the receipt does not repeat the digest of " + ours.uri());
            }
        }
    }

    /** The signer of a verified answer, for tests and the log. */
    public X509Certificate signerOf(byte[] answer, As4Profile profile) {
        return verifier.verifySignal(answer, profile).signer();
    }

    private Element signal(Element messaging, String refToMessageId) {
        Document doc = messaging.getOwnerDocument();
        Element signal = ebms(doc, messaging, "SignalMessage");
        Element info = ebms(doc, signal, "MessageInfo");
        ebms(doc, info, "Timestamp").setTextContent(clock.instant().toString());
        ebms(doc, info, "MessageId").setTextContent(UUID.randomUUID() + "@mla-gateway");
        if (refToMessageId != null) {
            ebms(doc, info, "RefToMessageId").setTextContent(refToMessageId);
        }
        return signal;
    }

    private static Element ebms(Document doc, Element parent, String name) {
        Element e = doc.createElementNS(As4Profile.EBMS, "eb:" + name);
        parent.appendChild(e);
        return e;
    }
}
