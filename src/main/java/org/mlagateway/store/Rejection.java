package org.mlagateway.store;

/**
 * A rejected delivery attempt, for the log. {@code errorCode} is the wire name (e.g.
 * {@code SignatureInvalid}); the other fields are recorded where known and may be null.
 */
public record Rejection(String errorCode, String correlationId, String remoteAddress, String certificateSubject,
                        String sender, String messageId) {
    public Rejection {
        Check.text("errorCode", errorCode, 64);
        Check.optionalText("correlationId", correlationId, 128);
        Check.optionalText("remoteAddress", remoteAddress, 64);
        Check.optionalText("certificateSubject", certificateSubject, 500);
        Check.optionalText("sender", sender, 64);
        Check.optionalText("messageId", messageId, 64);
    }
}
