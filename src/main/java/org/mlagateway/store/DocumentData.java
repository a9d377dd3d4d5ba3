package org.mlagateway.store;

/**
 * A document to store with a message. The store computes its SHA-256 and size from
 * {@code content}, which is taken over, not copied (see {@code Check.large}). {@code translationOf}
 * is the SHA-256 (hex) of the document this one translates.
 */
public record DocumentData(
        String documentId, String type, String language, String mediaType, byte[] content, String translationOf) {
    public DocumentData {
        Check.text("documentId", documentId, 128);
        Check.text("type", type, 64);
        Check.text("language", language, 16);
        Check.text("mediaType", mediaType, 128);
        content = Check.large("content", content);
        if (translationOf != null && !translationOf.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("translationOf must be a lower-case hex SHA-256");
        }
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content itself, for the store's statements, which only read it. */
    byte[] contentShared() {
        return content;
    }
}
