package org.mlagateway.error;

/**
 * The one catalogue of error codes. Every rejection anywhere in the gateway carries one of these.
 *
 * <p>The exchange codes are the wire codes of PROTOCOL.md ("Faults"), spelled exactly as the
 * {@code exc:<ErrorCode>} subcode. The API codes appear only on the internal REST API as RFC 9457
 * problem types. Each code is mapped once to a SOAP fault and once to a problem response.
 */
public enum ErrorCode {
    // Exchange, sender faults (PROTOCOL.md "Faults")
    MALFORMED_MESSAGE("MalformedMessage", Category.SENDER, false, "The message is not well-formed SOAP 1.2."),
    MESSAGE_TOO_LARGE("MessageTooLarge", Category.SENDER, false, "The message exceeds the size limit."),
    SECURITY_HEADER_MISSING("SecurityHeaderMissing", Category.SENDER, false, "The WS-Security header is missing."),
    UNSUPPORTED_ALGORITHM("UnsupportedAlgorithm", Category.SENDER, false, "An algorithm outside the security profile was used."),
    TIMESTAMP_INVALID("TimestampInvalid", Category.SENDER, false, "The security timestamp is missing, unsigned, expired or out of range."),
    SIGNATURE_INVALID("SignatureInvalid", Category.SENDER, false, "The signature does not verify."),
    SIGNATURE_COVERAGE("SignatureCoverage", Category.SENDER, false, "The signature does not cover exactly the Body and the Timestamp."),
    CERTIFICATE_UNTRUSTED("CertificateUntrusted", Category.SENDER, false, "The signing certificate does not chain to a trusted anchor."),
    CERTIFICATE_EXPIRED("CertificateExpired", Category.SENDER, false, "The signing certificate is not valid at this time."),
    CERTIFICATE_REVOKED("CertificateRevoked", Category.SENDER, false, "The signing certificate is revoked."),
    SENDER_MISMATCH("SenderMismatch", Category.SENDER, false, "The signing certificate does not belong to the sender named in the header."),
    DECRYPTION_FAILED("DecryptionFailed", Category.SENDER, false, "The message could not be decrypted."),
    SCHEMA_INVALID("SchemaInvalid", Category.SENDER, false, "The message does not conform to the message schema."),
    DOCUMENT_DIGEST_MISMATCH("DocumentDigestMismatch", Category.SENDER, false, "A document's digest or size does not match its content."),
    WRONG_RECIPIENT("WrongRecipient", Category.SENDER, false, "The message is not addressed to this gateway's authority."),
    REPLAY("Replay", Category.SENDER, false, "The message was already seen with this signature."),
    DUPLICATE_ID_CONFLICT("DuplicateIdConflict", Category.SENDER, false, "A different message with this id was already received."),
    // Exchange, receiver faults
    TEMPORARILY_UNAVAILABLE("TemporarilyUnavailable", Category.RECEIVER, true, "The gateway is temporarily unavailable; retry later."),
    INTERNAL_ERROR("InternalError", Category.RECEIVER, false, "The gateway failed to process the message."),
    // Outbound only: what our sender concludes about a partner's answer (never sent on the wire)
    RECEIPT_INVALID("ReceiptInvalid", Category.RECEIVER, true, "The partner's receipt does not prove receipt of what was sent."),
    TRANSPORT_FAILED("TransportFailed", Category.RECEIVER, true, "The partner could not be reached."),
    // Internal API only
    UNAUTHENTICATED("Unauthenticated", Category.SENDER, false, "Authentication is required."),
    FORBIDDEN("Forbidden", Category.SENDER, false, "The client's role does not allow this action."),
    NOT_FOUND("NotFound", Category.SENDER, false, "No such resource."),
    UNKNOWN_PARTNER("UnknownPartner", Category.SENDER, false, "The recipient is not a configured partner."),
    TRANSLATION_MISSING("TranslationMissing", Category.SENDER, false, "A required translation is missing."),
    IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused", Category.SENDER, false, "The idempotency key was already used with a different request."),
    LEASE_LOST("LeaseLost", Category.SENDER, false, "The lease on this item is not held by the caller."),
    TOO_MANY_REQUESTS("TooManyRequests", Category.SENDER, true, "Too many failed attempts; retry after the time given."),
    INVALID_REQUEST("InvalidRequest", Category.SENDER, false, "The request is invalid.");

    /** Who is at fault: SOAP 1.2 {@code soap:Sender} or {@code soap:Receiver}. */
    public enum Category { SENDER, RECEIVER }

    private final String wireName;
    private final Category category;
    private final boolean retryable;
    private final String reason;

    ErrorCode(String wireName, Category category, boolean retryable, String reason) {
        this.wireName = wireName;
        this.category = category;
        this.retryable = retryable;
        this.reason = reason;
    }

    /** The code as it appears on the wire and in the log, e.g. {@code SignatureInvalid}. */
    public String wireName() { return wireName; }

    public Category category() { return category; }

    public boolean retryable() { return retryable; }

    /** A short English sentence safe to show to a remote party: it never contains input. */
    public String reason() { return reason; }

    public static ErrorCode fromWireName(String wireName) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(wireName)) {
                return code;
            }
        }
        throw new IllegalArgumentException("Unknown error code: " + wireName);
    }
}
