package org.mlagateway.security;

import java.io.ByteArrayInputStream;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.apache.xml.security.encryption.DocumentSerializer;
import org.apache.xml.security.encryption.XMLEncryptionException;
import org.apache.xml.security.parser.XMLParserException;
import org.apache.xml.security.utils.XMLUtils;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentFragment;
import org.w3c.dom.Node;

/**
 * Turns decrypted content back into nodes of the envelope's document, as Santuario's own
 * {@link DocumentSerializer} does (the plaintext wrapped in an element declaring the namespaces in
 * scope, parsed by Santuario's hardened parser with secure validation), but moves the parsed nodes
 * into the envelope's document instead of copying them: the deep copy was a fifth of decryption's
 * time, and the parsed document is garbage right after.
 */
final class PlaintextSerializer extends DocumentSerializer {

    private PlaintextSerializer() throws InvalidCanonicalizerException {
        super(true);
    }

    static PlaintextSerializer create() {
        try {
            return new PlaintextSerializer();
        } catch (InvalidCanonicalizerException e) {
            throw new IllegalStateException("Santuario lacks its physical canonicalizer", e);
        }
    }

    @Override
    public Node deserialize(byte[] source, Node ctx) throws XMLEncryptionException {
        Document parsed;
        try {
            parsed = XMLUtils.read(new ByteArrayInputStream(createContext(source, ctx)), true);
        } catch (XMLParserException e) {
            throw new XMLEncryptionException(e);
        }
        Document target = ctx.getNodeType() == Node.DOCUMENT_NODE ? (Document) ctx : ctx.getOwnerDocument();
        Node wrapper = target.adoptNode(parsed.getDocumentElement());
        if (wrapper == null) {
            // Another DOM implementation: adoption is not possible, a copy is.
            wrapper = target.importNode(parsed.getDocumentElement(), true);
        }
        DocumentFragment result = target.createDocumentFragment();
        for (Node child = wrapper.getFirstChild(); child != null; child = wrapper.getFirstChild()) {
            result.appendChild(child);
        }
        return result;
    }
}
