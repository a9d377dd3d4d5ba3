package org.mlagateway.security;

import java.util.Base64;
import java.util.List;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds our signed receipts: an {@code exc:Receipt} in the Body, under our signing key, with a
 * signed Timestamp, not encrypted. The non-repudiation information repeats each
 * {@code ds:Reference} of the sender's signature, as AS4 does, so the receipt proves what arrived.
 */
public final class ReceiptIssuer {
    private final EnvelopeSealer sealer;
    private final SafeXml xml;

    public ReceiptIssuer(EnvelopeSealer sealer) {
        this.sealer = sealer;
        this.xml = sealer.xml();
    }

    /** The response envelope bytes for this receipt, with the sender's reference elements. */
    public byte[] issue(Receipt receipt, List<Element> senderReferences) {
        Document doc = xml.newDocument();
        Element root = doc.createElementNS(Namespaces.EXC, "exc:Receipt");
        doc.appendChild(root);
        add(root, "MessageId", receipt.messageId());
        add(root, "Status", receipt.status().name());
        add(root, "ReceivedAt", receipt.receivedAt().toString());
        add(root, "LogSequence", Long.toString(receipt.logSequence()));
        if (receipt.originalReceivedAt() != null) {
            Element original = add(root, "Original", null);
            add(original, "ReceivedAt", receipt.originalReceivedAt().toString());
            add(original, "LogSequence", Long.toString(receipt.originalLogSequence()));
        }
        add(root, "EnvelopeDigest", Base64.getEncoder().encodeToString(receipt.envelopeDigest()));
        Element nri = add(root, "NonRepudiationInformation", null);
        for (Element ref : senderReferences) {
            nri.appendChild(doc.importNode(ref, true));
        }
        return sealer.signOnly(root).bytes();
    }

    /**
     * The receipt for a message accepted earlier, issued from its stored envelope: the
     * non-repudiation information repeats the {@code ds:Reference} elements of the sender's signature
     * in the envelope's security header, as when the receipt is issued on arrival.
     */
    public byte[] issueFromStored(Receipt receipt, byte[] storedEnvelope) {
        Element envelope = xml.parse(storedEnvelope).getDocumentElement();
        Element header = Dom.child(envelope, Namespaces.SOAP12, "Header");
        Element security = header == null ? null : Dom.child(header, Namespaces.WSSE, "Security");
        Element signature = security == null ? null : Dom.child(security, Namespaces.DS, "Signature");
        Element signedInfo = signature == null ? null : Dom.child(signature, Namespaces.DS, "SignedInfo");
        if (signedInfo == null) {
            throw new IllegalArgumentException("the stored envelope has no sender signature in its security header");
        }
        return issue(receipt, Dom.children(signedInfo, Namespaces.DS, "Reference"));
    }

    private static Element add(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(Namespaces.EXC, "exc:" + name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }
}
