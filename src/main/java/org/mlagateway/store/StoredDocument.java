package org.mlagateway.store;

/** A stored document; {@code sha256} is lower-case hex of {@code content}. */
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
        String translationOf) {}
