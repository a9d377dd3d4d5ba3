package org.mlagateway.store;

/**
 * A stored document; {@code sha256} is lower-case hex of its content. A document kept in the file
 * store ({@code inFile}) is not read with its row: {@code content} is null, and
 * {@link MessageReads#openDocument} streams it.
 */
public record StoredDocument(
        long messagePk,
        int position,
        String documentId,
        String type,
        String language,
        String mediaType,
        String sha256,
        long size,
        byte[] content,
        String translationOf,
        boolean inFile) {}
