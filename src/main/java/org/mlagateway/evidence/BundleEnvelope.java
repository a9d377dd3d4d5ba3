package org.mlagateway.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Where the Body's content lies in the raw bytes of a stored envelope, so that the signed plaintext
 * can be put back in place of the {@code xenc:EncryptedData} without touching any other byte. The
 * sender signed the Body before encrypting its content (docs/protocol.md#security-header 4), and the
 * Body holds exactly one {@code msg:Message}, whose exclusive C14N is the stored message XML; so
 * {@code head + message + tail} is the envelope as signed, byte for byte outside the Body's content,
 * and a standard XML Signature verifier checks it with no private key.
 *
 * <p>{@code contentStart} is the offset just after the Body's start tag, {@code contentEnd} that of
 * its end tag; both are byte offsets into the envelope.
 */
record BundleEnvelope(byte[] envelope, int contentStart, int contentEnd) {
    private static final String SOAP12 = Namespaces.SOAP12;

    BundleEnvelope {
        envelope = envelope.clone();
        if (contentStart < 0 || contentEnd < contentStart || contentEnd > envelope.length) {
            throw new IllegalArgumentException("Body content [" + contentStart + ", " + contentEnd + ") is outside "
                    + "the envelope of " + envelope.length + " bytes");
        }
    }

    /**
     * Locates the Envelope's own Body by parsing, then its tags in the bytes: the Body is the
     * Envelope's last child element and holds only encrypted data, so its start tag is the last
     * occurrence of its qualified name opening a tag, and its end tag the last closing one.
     */
    static BundleEnvelope locate(byte[] envelope, SafeXml xml) {
        Element root = xml.parse(envelope).getDocumentElement();
        Element body = null;
        for (Node n = root.getLastChild(); n != null && body == null; n = n.getPreviousSibling()) {
            if (n instanceof Element e) {
                body = e;
            }
        }
        if (body == null || !"Body".equals(body.getLocalName()) || !SOAP12.equals(body.getNamespaceURI())) {
            throw malformed("the envelope's last element is not a SOAP 1.2 Body");
        }
        byte[] open = ("<" + body.getTagName()).getBytes(StandardCharsets.UTF_8);
        byte[] close = ("</" + body.getTagName()).getBytes(StandardCharsets.UTF_8);
        int start = lastTag(envelope, open);
        int end = lastIndexOf(envelope, close, envelope.length);
        if (start < 0 || end < 0 || end < start) {
            throw malformed("the Body's tags cannot be found in the envelope bytes");
        }
        int contentStart = endOfStartTag(envelope, start + open.length);
        if (contentStart < 0 || contentStart > end || envelope[contentStart - 2] == '/') {
            throw malformed("the Body's start tag cannot be read");
        }
        return new BundleEnvelope(envelope, contentStart, end);
    }

    /** The envelope with the Body's content replaced by {@code content}. */
    byte[] withContent(byte[] content) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(contentStart + content.length + envelope.length - contentEnd);
        out.write(envelope, 0, contentStart);
        out.write(content, 0, content.length);
        out.write(envelope, contentEnd, envelope.length - contentEnd);
        return out.toByteArray();
    }

    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    private static int lastTag(byte[] data, byte[] open) {
        for (int i = lastIndexOf(data, open, data.length); i >= 0; i = lastIndexOf(data, open, i)) {
            int after = i + open.length;
            if (after < data.length && isTagNameEnd(data[after])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isTagNameEnd(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '>' || b == '/';
    }

    /** The offset after the {@code >} that ends a start tag, skipping quoted attribute values. */
    private static int endOfStartTag(byte[] data, int from) {
        byte quote = 0;
        for (int i = from; i < data.length; i++) {
            byte b = data[i];
            if (quote != 0) {
                quote = b == quote ? 0 : quote;
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The last index below {@code before} where {@code needle} starts, or -1. */
    private static int lastIndexOf(byte[] data, byte[] needle, int before) {
        for (int i = Math.min(before - 1, data.length - needle.length); i >= 0; i--) {
            int j = 0;
            while (j < needle.length && data[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    private static GatewayException malformed(String detail) {
        return new GatewayException(ErrorCode.MALFORMED_MESSAGE, detail);
    }
}
