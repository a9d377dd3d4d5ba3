package org.mlagateway.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.mlagateway.message.Namespaces;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.StoredDocument;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The documents of an outgoing message that travel as attachment parts (docs/protocol.md#attachments),
 * as the sender needs them: each part's content id, as the message's {@code Attachment} names it,
 * the SHA-256 and size the store recorded, its stored row (AS4 names it in its part properties), and
 * its content, opened from the store afresh whenever a request body is read, so that every attempt
 * streams it from its first byte.
 */
record StoredParts(
        List<PartsRequest.Part> parts,
        List<org.mlagateway.security.PartDigest> digests,
        List<StoredDocument> documents) {

    /** The parts of {@code messagePk}, whose message XML is {@code message}; none when all documents are inline. */
    static StoredParts of(MessageReads reads, long messagePk, Element message) {
        Map<String, String> contentIds = contentIds(message);
        List<PartsRequest.Part> parts = new ArrayList<>();
        List<org.mlagateway.security.PartDigest> digests = new ArrayList<>();
        List<StoredDocument> documents = new ArrayList<>();
        for (StoredDocument d : reads.documents(messagePk)) {
            String contentId = contentIds.get(d.documentId());
            if (contentId == null) {
                continue;
            }
            if (!d.inFile()) {
                throw new IllegalStateException("document " + d.documentId() + " is an attachment but not in a file");
            }
            String documentId = d.documentId();
            parts.add(
                    new PartsRequest.Part(contentId, d.size(), () -> reads.openDocument(messagePk, documentId, 0, -1)));
            digests.add(new org.mlagateway.security.PartDigest(
                    contentId, HexFormat.of().parseHex(d.sha256())));
            documents.add(d);
        }
        return new StoredParts(parts, digests, documents);
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Document id to the content id of its part, for the documents that have an {@code Attachment}. */
    private static Map<String, String> contentIds(Element message) {
        Map<String, String> ids = new HashMap<>();
        NodeList documents = message.getElementsByTagNameNS(Namespaces.MSG, "Document");
        for (int i = 0; i < documents.getLength(); i++) {
            Element document = (Element) documents.item(i);
            Element attachment = child(document, "Attachment");
            Element documentId = child(document, "DocumentId");
            if (attachment != null && documentId != null) {
                Element contentId = child(attachment, "ContentId");
                if (contentId != null) {
                    ids.put(
                            documentId.getTextContent().strip(),
                            contentId.getTextContent().strip());
                }
            }
        }
        return ids;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Namespaces.MSG.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
