package org.mlagateway.security;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts of an {@code exc:Receipt} (docs/protocol.md#receipt: for a {@code DUPLICATE}, the
 * original delivery's receive time and log sequence; for {@code ACCEPTED}, none.
 */
public record Receipt(
        String messageId,
        Status status,
        Instant receivedAt,
        long logSequence,
        Instant originalReceivedAt,
        Long originalLogSequence,
        byte[] envelopeDigest) {
    public enum Status {
        ACCEPTED,
        DUPLICATE
    }

    public Receipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        envelopeDigest = envelopeDigest.clone();
        if (envelopeDigest.length != 32) {
            throw new IllegalArgumentException("the envelope digest must be a SHA-256 (32 bytes)");
        }
        boolean hasOriginal = originalReceivedAt != null && originalLogSequence != null;
        if (status == Status.DUPLICATE != hasOriginal) {
            throw new IllegalArgumentException("a DUPLICATE receipt, and only it, names the original delivery");
        }
    }

    @Override
    public byte[] envelopeDigest() {
        return envelopeDigest.clone();
    }
}
