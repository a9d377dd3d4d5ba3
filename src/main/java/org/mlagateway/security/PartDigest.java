package org.mlagateway.security;

import java.util.Objects;

/**
 * One document that travels as an attachment part: the part's content id (without angle brackets)
 * and the SHA-256 of the document's content, which the signature covers.
 */
public record PartDigest(String contentId, byte[] sha256) {
    public PartDigest {
        PartsProfile.requireContentId(contentId);
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }
}
