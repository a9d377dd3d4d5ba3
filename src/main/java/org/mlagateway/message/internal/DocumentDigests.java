package org.mlagateway.message.internal;

import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Sha256;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;

/** Recomputes each document's SHA-256 and size from its decoded content (docs/protocol.md#envelope. */
public final class DocumentDigests {

    private DocumentDigests() {}

    public static void check(Message message) {
        if (message.getDocuments() == null) {
            return;
        }
        for (MessageDocument document : message.getDocuments().getDocument()) {
            if (document.getAttachment() != null) {
                // A part's digest is checked as the part is read and stored (docs/protocol.md#attachments).
                continue;
            }
            byte[] content = document.getContent() == null ? new byte[0] : document.getContent();
            String actual = sha256Hex(content);
            if (!actual.equals(document.getSha256())) {
                throw new GatewayException(
                        ErrorCode.DOCUMENT_DIGEST_MISMATCH,
                        "document " + document.getDocumentId() + ": Sha256 does not match the SHA-256 of its content");
            }
            if (document.getSize() != content.length) {
                throw new GatewayException(
                        ErrorCode.DOCUMENT_DIGEST_MISMATCH,
                        "document " + document.getDocumentId() + ": Size " + document.getSize()
                                + " does not match the content length " + content.length);
            }
        }
    }

    /** Lowercase hex, the form {@code msg:Sha256} requires. */
    public static String sha256Hex(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    public static byte[] sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }
}
