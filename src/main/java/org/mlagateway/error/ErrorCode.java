package org.mlagateway.error;

/**
 * The one catalogue of error codes. Every rejection anywhere in the gateway carries one of these.
 *
 * <p>The exchange codes are the wire codes of docs/protocol.md#faults, spelled exactly as the
 * {@code exc:<ErrorCode>} subcode. The API codes appear only on the internal REST API as RFC 9457
 * problem types. Each code is mapped once to a SOAP fault and once to a problem response.
 */
public enum ErrorCode {
    // Exchange, sender faults (docs/protocol.md#faults
    MALFORMED_MESSAGE(
            "MalformedMessage", Scope.WIRE, Category.SENDER, false, "The message is not well-formed SOAP 1.2."),
    MESSAGE_TOO_LARGE("MessageTooLarge", Scope.WIRE, Category.SENDER, false, "The message exceeds the size limit."),
    SECURITY_HEADER_MISSING(
            "SecurityHeaderMissing", Scope.WIRE, Category.SENDER, false, "The WS-Security header is missing."),
    UNSUPPORTED_ALGORITHM(
            "UnsupportedAlgorithm",
            Scope.WIRE,
            Category.SENDER,
            false,
            "An algorithm outside the security profile was used."),
    TIMESTAMP_INVALID(
            "TimestampInvalid",
            Scope.WIRE,
            Category.SENDER,
            false,
            "The security timestamp is missing, unsigned, expired or out of range."),
    SIGNATURE_INVALID("SignatureInvalid", Scope.WIRE, Category.SENDER, false, "The signature does not verify."),
    SIGNATURE_COVERAGE(
            "SignatureCoverage",
            Scope.WIRE,
            Category.SENDER,
            false,
            "The signature does not cover exactly the Body and the Timestamp."),
    CERTIFICATE_UNTRUSTED(
            "CertificateUntrusted",
            Scope.WIRE,
            Category.SENDER,
            false,
            "The signing certificate does not chain to a trusted anchor."),
    CERTIFICATE_EXPIRED(
            "CertificateExpired",
            Scope.WIRE,
            Category.SENDER,
            false,
            "The signing certificate is not valid at this time."),
    CERTIFICATE_REVOKED(
            "CertificateRevoked", Scope.WIRE, Category.SENDER, false, "The signing certificate is revoked."),
    SENDER_MISMATCH(
            "SenderMismatch",
            Scope.WIRE,
            Category.SENDER,
            false,
            "The signing certificate does not belong to the sender named in the header."),
    DECRYPTION_FAILED("DecryptionFailed", Scope.WIRE, Category.SENDER, false, "The message could not be decrypted."),
    SCHEMA_INVALID(
            "SchemaInvalid", Scope.WIRE, Category.SENDER, false, "The message does not conform to the message schema."),
    DOCUMENT_DIGEST_MISMATCH(
            "DocumentDigestMismatch",
            Scope.WIRE,
            Category.SENDER,
            false,
            "A document's digest or size does not match its content."),
    WRONG_RECIPIENT(
            "WrongRecipient",
            Scope.WIRE,
            Category.SENDER,
            false,
            "The message is not addressed to this gateway's authority."),
    REPLAY("Replay", Scope.WIRE, Category.SENDER, false, "The message was already seen with this signature."),
    DUPLICATE_ID_CONFLICT(
            "DuplicateIdConflict",
            Scope.WIRE,
            Category.SENDER,
            false,
            "A different message with this id was already received."),
    // AS4 binding only (docs/as4.md#errors): sent as an ebMS error, never as a fault of our own profile
    PROCESSING_MODE_MISMATCH(
            "ProcessingModeMismatch",
            Scope.AS4,
            Category.SENDER,
            false,
            "The sender party, service or action is not agreed with this gateway."),
    DECOMPRESSION_FAILED(
            "DecompressionFailed", Scope.AS4, Category.SENDER, false, "A compressed part could not be decompressed."),
    // Exchange, receiver faults
    TEMPORARILY_UNAVAILABLE(
            "TemporarilyUnavailable",
            Scope.WIRE,
            Category.RECEIVER,
            true,
            "The gateway is temporarily unavailable; retry later."),
    INTERNAL_ERROR("InternalError", Scope.WIRE, Category.RECEIVER, false, "The gateway failed to process the message."),
    // Outbound only: what our sender concludes about a partner's answer (never sent on the wire)
    RECEIPT_INVALID(
            "ReceiptInvalid",
            Scope.OUTBOUND,
            Category.RECEIVER,
            true,
            "The partner's receipt does not prove receipt of what was sent."),
    TRANSPORT_FAILED("TransportFailed", Scope.OUTBOUND, Category.RECEIVER, true, "The partner could not be reached."),
    PARTNER_TIMEOUT(
            "PartnerTimeout",
            Scope.OUTBOUND,
            Category.RECEIVER,
            true,
            "The partner did not answer completely within the attempt deadline."),
    RESPONSE_TOO_LARGE(
            "ResponseTooLarge",
            Scope.OUTBOUND,
            Category.RECEIVER,
            true,
            "The partner's answer exceeds the response size limit."),
    PARTNER_FAULT(
            "PartnerFault",
            Scope.OUTBOUND,
            Category.RECEIVER,
            false,
            "The partner answered with a fault code or an HTTP status outside the protocol."),
    // Internal API only
    UNAUTHENTICATED("Unauthenticated", Scope.API, Category.SENDER, false, "Authentication is required."),
    FORBIDDEN("Forbidden", Scope.API, Category.SENDER, false, "The client's role does not allow this action."),
    NOT_FOUND("NotFound", Scope.API, Category.SENDER, false, "No such resource."),
    UNKNOWN_PARTNER("UnknownPartner", Scope.API, Category.SENDER, false, "The recipient is not a configured partner."),
    TRANSLATION_MISSING("TranslationMissing", Scope.API, Category.SENDER, false, "A required translation is missing."),
    IDEMPOTENCY_KEY_REUSED(
            "IdempotencyKeyReused",
            Scope.API,
            Category.SENDER,
            false,
            "The idempotency key was already used with a different request."),
    LEASE_LOST("LeaseLost", Scope.API, Category.SENDER, false, "The lease on this item is not held by the caller."),
    TOO_MANY_REQUESTS(
            "TooManyRequests",
            Scope.API,
            Category.SENDER,
            true,
            "Too many failed attempts; retry after the time given."),
    INVALID_REQUEST("InvalidRequest", Scope.API, Category.SENDER, false, "The request is invalid."),
    INVALID_IIN("InvalidIin", Scope.API, Category.SENDER, false, "An IIN is 12 digits and ends in its check digit."),
    // The store: an encrypted value failed its integrity check, belongs to another row, or its key is unavailable
    STORED_DATA_UNREADABLE(
            "StoredDataUnreadable",
            Scope.API,
            Category.RECEIVER,
            false,
            "Stored data could not be decrypted or failed its integrity check.");

    /** Who is at fault: SOAP 1.2 {@code soap:Sender} or {@code soap:Receiver}. */
    public enum Category {
        SENDER,
        RECEIVER
    }

    /**
     * Where a code may appear: {@code WIRE} codes travel in faults between gateways (the protocol's
     * list, so a partner's fault may only name these); {@code OUTBOUND} codes are what our sender
     * concludes about a partner's answer; {@code API} codes are problem types of the internal API;
     * {@code AS4} codes travel only in the AS4 binding's ebMS errors (docs/as4.md#errors).
     */
    public enum Scope {
        WIRE,
        AS4,
        OUTBOUND,
        API
    }

    private final String wireName;
    private final Scope scope;
    private final Category category;
    private final boolean retryable;
    private final String reason;

    ErrorCode(String wireName, Scope scope, Category category, boolean retryable, String reason) {
        this.wireName = wireName;
        this.scope = scope;
        this.category = category;
        this.retryable = retryable;
        this.reason = reason;
    }

    /** The code as it appears on the wire and in the log, e.g. {@code SignatureInvalid}. */
    public String wireName() {
        return wireName;
    }

    public Scope scope() {
        return scope;
    }

    public Category category() {
        return category;
    }

    public boolean retryable() {
        return retryable;
    }

    /** A short English sentence safe to show to a remote party: it never contains input. */
    public String reason() {
        return reason;
    }

    public static ErrorCode fromWireName(String wireName) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(wireName)) {
                return code;
            }
        }
        throw new IllegalArgumentException("Unknown error code: " + wireName);
    }
}
