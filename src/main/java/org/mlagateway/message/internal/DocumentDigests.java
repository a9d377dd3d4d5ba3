package org.mlagateway.message.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Document;
import org.mlagateway.message.xml.Message;

/** Recomputes each document's SHA-256 and size from its decoded content (PROTOCOL.md "Envelope"). */
public final class DocumentDigests {

    private DocumentDigests() {
    }

    public static void check(Message message) {
        if (message.getDocuments() == null) {
            return;
        }
        for (Document document : message.getDocuments().getDocument()) {
            byte[] content = document.getContent() == null ? new byte[0] : document.getContent();
            String actual = sha256Hex(content);
            if (!actual.equals(document.getSha256())) {
                throw new GatewayException(ErrorCode.DOCUMENT_DIGEST_MISMATCH, "document " + document.getDocumentId()
                        + ": Sha256 does not match the SHA-256 of its content");
            }
            if (document.getSize() != content.length) {
                throw new GatewayException(ErrorCode.DOCUMENT_DIGEST_MISMATCH, "document " + document.getDocumentId()
                        + ": Size " + document.getSize() + " does not match the content length " + content.length);
            }
        }
    }

    /** Lowercase hex, the form {@code msg:Sha256} requires. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every Java platform", e);
        }
    }
}
