package org.mlagateway.store;

/**
 * A rejected delivery attempt, for the log. {@code errorCode} is the wire name (e.g.
 * {@code SignatureInvalid}); the other fields are recorded where known and may be null.
 */
public record Rejection(
        String errorCode,
        String correlationId,
        String remoteAddress,
        String certificateSubject,
        String sender,
        String messageId) {
    /**
     * Only the error code must be valid; the other fields may come from the rejected party, so
     * they are recorded as far as possible (control characters replaced, long values cut) rather
     * than refused: every rejection is logged.
     */
    public Rejection {
        Check.text("errorCode", errorCode, 64);
        correlationId = Check.sanitize(correlationId, 128);
        remoteAddress = Check.sanitize(remoteAddress, 64);
        certificateSubject = Check.sanitize(certificateSubject, 500);
        sender = Check.sanitize(sender, 64);
        messageId = Check.sanitize(messageId, 64);
    }
}
