package org.mlagateway.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.w3c.dom.Element;

/**
 * Our {@code msg:Message} as an AS4 payload (docs/as4.md#the-message): the first part, gzip-compressed (AS4 §3.1
 * compression: part properties {@code CompressionType application/gzip} and {@code MimeType application/xml}); each
 * document kept as a file follows as a part of its own, compressed alike, its PartInfo naming its media type and
 * document (docs/as4.md#documents). Opening the message holds the inflated size to the envelope limit and the XML to
 * the depth limit, binds the message's sender to the partners the signing certificate is trusted for, and checks that
 * it is addressed to us and agrees with the ebMS message properties.
 */
public final class As4Payload {
    public static final String XML = "application/xml";
    public static final String ORIGINAL_SENDER = "originalSender";
    public static final String FINAL_RECIPIENT = "finalRecipient";
    private static final String COMPRESSION_TYPE = "CompressionType";
    private static final String MIME_TYPE = "MimeType";
    /** The part property that names the document a part carries, beside the reference in the message. */
    public static final String DOCUMENT_ID = "DocumentId";

    private As4Payload() {}

    /** The opened message: its element and its sender's authority id. */
    public record Opened(Element message, String senderAuthorityId) {}

    /** The part that carries {@code messageXml}, compressed, and its PartInfo. */
    public static As4Mime.Part part(String contentId, byte[] messageXml) {
        return documentPart(contentId, new ByteArrayInputStream(messageXml));
    }

    /**
     * A document that travels as its own part (docs/as4.md#documents): its content read from
     * {@code content} to its end and compressed as the message part is.
     */
    public static As4Mime.Part documentPart(String contentId, InputStream content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (content;
                GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            content.transferTo(gzip);
        } catch (IOException e) {
            throw new IllegalStateException("cannot compress", e);
        }
        return new As4Mime.Part(contentId, Map.of("Content-Type", As4Profile.GZIP), out.toByteArray());
    }

    /** The PartInfo of a document part: compressed, its media type, and the document it carries. */
    public static As4UserMessage.PartInfo documentPartInfo(String contentId, String mediaType, String documentId) {
        return new As4UserMessage.PartInfo(
                "cid:" + contentId,
                Map.of(COMPRESSION_TYPE, As4Profile.GZIP, MIME_TYPE, mediaType, DOCUMENT_ID, documentId));
    }

    /**
     * Whether a part is gzip-compressed as its PartInfo says: a partner may send a part uncompressed,
     * naming no CompressionType; any other compression is refused ({@code DecompressionFailed}).
     */
    public static boolean compressed(As4UserMessage.PartInfo info) {
        String type = info.properties().get(COMPRESSION_TYPE);
        if (type != null && !As4Profile.GZIP.equals(type)) {
            throw new GatewayException(ErrorCode.DECOMPRESSION_FAILED, "a part's CompressionType is not gzip");
        }
        return type != null;
    }

    public static As4UserMessage.PartInfo partInfo(String contentId) {
        return new As4UserMessage.PartInfo(
                "cid:" + contentId, Map.of(COMPRESSION_TYPE, As4Profile.GZIP, MIME_TYPE, XML));
    }

    /**
     * Opens the first payload of a verified message, recording its claimed sender and message id in
     * {@code facts}, and that the sender is bound once it is.
     *
     * @throws GatewayException {@code MalformedMessage} when the first part is not our compressed XML,
     *     {@code DecompressionFailed}, {@code MessageTooLarge} past {@code maxBytes}, {@code SchemaInvalid}
     *     when it is not a {@code msg:Message}, {@code SenderMismatch}, {@code WrongRecipient}
     */
    public static Opened open(
            As4Verifier.Verified verified,
            PartnerTrust trust,
            String ownAuthorityId,
            long maxBytes,
            SafeXml xml,
            EnvelopeFacts facts) {
        List<As4UserMessage.PartInfo> infos = verified.header().payloads();
        if (infos.isEmpty()) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the message has no payload");
        }
        As4UserMessage.PartInfo info = infos.get(0);
        if (!As4Profile.GZIP.equals(info.properties().get(COMPRESSION_TYPE))
                || !XML.equals(info.properties().get(MIME_TYPE))) {
            throw new GatewayException(
                    ErrorCode.MALFORMED_MESSAGE, "the first payload is not gzip-compressed application/xml");
        }
        As4Mime.Part part = verified.parts().stream()
                .filter(p -> info.href().equals("cid:" + p.contentId()))
                .findFirst()
                .orElseThrow(() -> new GatewayException(ErrorCode.MALFORMED_MESSAGE, "no part for the payload"));
        byte[] bytes = gunzip(part.bytes(), maxBytes);
        Element message = xml.parse(bytes).getDocumentElement();
        xml.checkDepth(message);
        if (!Namespaces.MSG.equals(message.getNamespaceURI()) || !"Message".equals(message.getLocalName())) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the payload is not a msg:Message");
        }
        String sender = InboundVerifier.headerAuthority(message, "Sender");
        Element header = Dom.child(message, Namespaces.MSG, "Header");
        facts.header(sender, header == null ? null : Dom.text(header, Namespaces.MSG, "MessageId"));
        trust.checkSender(verified.trustedPartners(), sender, verified.signer());
        facts.senderBound(true);
        String recipient = InboundVerifier.headerAuthority(message, "Recipient");
        if (!ownAuthorityId.equals(recipient)) {
            throw new GatewayException(ErrorCode.WRONG_RECIPIENT, "the message is addressed to another authority");
        }
        Map<String, String> props = verified.header().properties();
        if ((props.containsKey(ORIGINAL_SENDER) && !sender.equals(props.get(ORIGINAL_SENDER)))
                || (props.containsKey(FINAL_RECIPIENT) && !recipient.equals(props.get(FINAL_RECIPIENT)))) {
            throw new GatewayException(
                    ErrorCode.SENDER_MISMATCH, "originalSender or finalRecipient disagrees with msg:Header");
        }
        return new Opened(message, sender);
    }

    private static byte[] gunzip(byte[] compressed, long maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new GatewayException(ErrorCode.MESSAGE_TOO_LARGE, "the payload inflates past the limit");
            }
            return bytes;
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.DECOMPRESSION_FAILED, "the payload is not valid gzip");
        }
    }
}
