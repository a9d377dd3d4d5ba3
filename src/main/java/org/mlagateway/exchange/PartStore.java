package org.mlagateway.exchange;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.security.SealedParts;
import org.mlagateway.security.VerifiedPart;
import org.mlagateway.store.Direction;
import org.mlagateway.store.DocumentFiles;

/**
 * The documents of a verified message that travelled as attachment parts (docs/protocol.md#attachments):
 * each document's {@code msg:Attachment} must name exactly one part that the signature covers and
 * that arrived, with the signed SHA-256 equal to the document's {@code msg:Sha256} and the length on
 * the wire that its {@code msg:Size} implies. Each part is then read once from its spool file:
 * decrypted, hashed, sealed and written to the document store, which keeps it only when the tag
 * and the digest both match.
 */
final class PartStore {
    private static final int BUFFER = 64 * 1024;

    private final DocumentFiles files;
    private final long maxDocumentBytes;

    PartStore(DocumentFiles files, long maxDocumentBytes) {
        this.files = files;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** The stored file of each attachment document, by document id; empty for a message without parts. */
    Map<String, DocumentFiles.Written> store(
            Message message,
            List<VerifiedPart> verified,
            List<ReceivedPart> received,
            String sender,
            String messageId) {
        Map<String, MessageDocument> documents = attachmentDocuments(message);
        Map<String, VerifiedPart> signed = new HashMap<>();
        verified.forEach(p -> signed.put(p.contentId(), p));
        Map<String, ReceivedPart> arrived = new HashMap<>();
        for (ReceivedPart p : received) {
            if (arrived.put(p.contentId(), p) != null) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "two parts have the same Content-ID");
            }
        }
        for (String id : arrived.keySet()) {
            if (!signed.containsKey(id)) {
                throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "a part of the request is not signed");
            }
        }
        for (String id : signed.keySet()) {
            if (!documents.containsKey(id)) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a signed part is no document's");
            }
            if (!arrived.containsKey(id)) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a signed part is missing from the request");
            }
        }
        for (Map.Entry<String, MessageDocument> e : documents.entrySet()) {
            MessageDocument d = e.getValue();
            if (!signed.containsKey(e.getKey())) {
                throw new GatewayException(
                        ErrorCode.SIGNATURE_COVERAGE,
                        "document " + d.getDocumentId() + " names a part that is not signed");
            }
            if (d.getSize() > maxDocumentBytes) {
                throw new GatewayException(
                        ErrorCode.MESSAGE_TOO_LARGE,
                        "document " + d.getDocumentId() + " is larger than limits.maxDocumentBytes");
            }
            if (!signed.get(e.getKey()).sha256Hex().equals(d.getSha256())) {
                throw new GatewayException(
                        ErrorCode.DOCUMENT_DIGEST_MISMATCH,
                        "document " + d.getDocumentId() + ": Sha256 is not the part's signed digest");
            }
            if (arrived.get(e.getKey()).length() != SealedParts.encryptedLength(d.getSize())) {
                throw new GatewayException(
                        ErrorCode.DOCUMENT_DIGEST_MISMATCH,
                        "document " + d.getDocumentId() + ": the part's length does not match its Size");
            }
        }
        Map<String, DocumentFiles.Written> stored = new HashMap<>();
        for (Map.Entry<String, MessageDocument> e : documents.entrySet()) {
            MessageDocument d = e.getValue();
            ReceivedPart part = arrived.get(e.getKey());
            try (InputStream spooled = new BufferedInputStream(Files.newInputStream(part.file()), BUFFER);
                    InputStream plain = signed.get(e.getKey()).decrypt(spooled, d.getSize())) {
                stored.put(
                        d.getDocumentId(),
                        files.write(
                                Direction.IN, sender, messageId, d.getDocumentId(), plain, d.getSize(), d.getSha256()));
            } catch (IOException ex) {
                throw new UncheckedIOException("read spooled part of document " + d.getDocumentId(), ex);
            }
        }
        return stored;
    }

    /** The documents that name a part, by content id (the AS4 binding's too: {@link As4Documents}). */
    static Map<String, MessageDocument> attachmentDocuments(Message message) {
        Map<String, MessageDocument> documents = new LinkedHashMap<>();
        if (message.getDocuments() == null) {
            return documents;
        }
        for (MessageDocument d : message.getDocuments().getDocument()) {
            if (d.getAttachment() != null && documents.put(d.getAttachment().getContentId(), d) != null) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "two documents name the same part");
            }
        }
        return documents;
    }
}
