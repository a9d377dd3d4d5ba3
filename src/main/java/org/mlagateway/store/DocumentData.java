package org.mlagateway.store;

/**
 * A document to store with a message: its content in memory, or already written to the store's
 * {@link DocumentFiles} ({@code file}, then {@code content} is null). For content in memory the
 * store computes its SHA-256 and size; {@code content} is taken over, not copied (see
 * {@code Check.large}). {@code translationOf} is the SHA-256 (hex) of the document this one translates.
 */
public record DocumentData(
        String documentId,
        String type,
        String language,
        String mediaType,
        byte[] content,
        String translationOf,
        DocumentFiles.Written file) {
    public DocumentData {
        Check.text("documentId", documentId, 128);
        Check.text("type", type, 64);
        Check.text("language", language, 16);
        Check.text("mediaType", mediaType, 128);
        if ((content == null) == (file == null)) {
            throw new IllegalArgumentException("a document has either its content or a stored file");
        }
        content = content == null ? null : Check.large("content", content);
        if (translationOf != null && !translationOf.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("translationOf must be a lower-case hex SHA-256");
        }
    }

    /** A document whose content is in memory. */
    public DocumentData(
            String documentId, String type, String language, String mediaType, byte[] content, String translationOf) {
        this(documentId, type, language, mediaType, content, translationOf, null);
    }

    @Override
    public byte[] content() {
        return content == null ? null : content.clone();
    }

    /** The content itself, for the store's statements, which only read it. */
    byte[] contentShared() {
        return content;
    }
}
