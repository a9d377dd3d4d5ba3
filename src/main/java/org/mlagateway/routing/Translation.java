package org.mlagateway.routing;

import java.util.Objects;

/**
 * A translated document a translator posts: a new document bound to its original by the
 * original's SHA-256 (docs/domain.md#languages-and-translation.
 */
public record Translation(
        String documentId, String originalSha256, String language, String mediaType, String title, byte[] content) {
    public Translation {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(title, "title");
        if (originalSha256 == null || !originalSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("originalSha256 must be the lower-case hex SHA-256 of the original");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
