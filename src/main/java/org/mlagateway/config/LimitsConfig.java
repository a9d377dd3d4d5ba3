package org.mlagateway.config;

import java.time.Duration;

/** Input limits (docs/protocol.md#limits. Every field has a documented default. */
public record LimitsConfig(
        @OptionalKey Long maxEnvelopeBytes,
        @OptionalKey Integer maxDocuments,
        @OptionalKey Duration clockSkew,
        @OptionalKey Integer maxXmlDepth,
        @OptionalKey Long maxDocumentBytes,
        @OptionalKey Long maxMessageBytes) {

    /** 32 MiB: larger envelopes get {@code MessageTooLarge} before parsing completes. */
    public static final long DEFAULT_MAX_ENVELOPE_BYTES = 32L * 1024 * 1024;

    public static final int DEFAULT_MAX_DOCUMENTS = 100;
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(300);
    public static final int DEFAULT_MAX_XML_DEPTH = 100;
    /** 4 GiB: the largest document that travels as an attachment part (docs/protocol.md#attachments). */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 4L * 1024 * 1024 * 1024;
    /** A request with attachment parts, whole: one document of the largest size and an envelope. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = DEFAULT_MAX_DOCUMENT_BYTES + DEFAULT_MAX_ENVELOPE_BYTES;

    public LimitsConfig {
        maxEnvelopeBytes = maxEnvelopeBytes != null ? maxEnvelopeBytes : DEFAULT_MAX_ENVELOPE_BYTES;
        maxDocuments = maxDocuments != null ? maxDocuments : DEFAULT_MAX_DOCUMENTS;
        clockSkew = clockSkew != null ? clockSkew : DEFAULT_CLOCK_SKEW;
        maxXmlDepth = maxXmlDepth != null ? maxXmlDepth : DEFAULT_MAX_XML_DEPTH;
        maxDocumentBytes = maxDocumentBytes != null ? maxDocumentBytes : DEFAULT_MAX_DOCUMENT_BYTES;
        maxMessageBytes = maxMessageBytes != null ? maxMessageBytes : DEFAULT_MAX_MESSAGE_BYTES;
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be at least 1");
        }
        if (maxMessageBytes < maxEnvelopeBytes) {
            throw new IllegalArgumentException("maxMessageBytes must be at least maxEnvelopeBytes");
        }
        if (maxEnvelopeBytes < 1024 || maxEnvelopeBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxEnvelopeBytes must be between 1 KiB and 2 GiB");
        }
        if (maxDocuments < 1) {
            throw new IllegalArgumentException("maxDocuments must be at least 1");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and 30m");
        }
        if (maxXmlDepth < 16) {
            throw new IllegalArgumentException("maxXmlDepth must be at least 16");
        }
    }

    /**
     * The internal listener's body limit: a submission carries its documents in base64 inside XML
     * or JSON, so it may be larger than the envelope that will carry them.
     */
    public int maxApiBodyBytes() {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, 2 * maxEnvelopeBytes));
    }

    /** Without the limits of attachment parts, which then take their defaults. */
    public LimitsConfig(Long maxEnvelopeBytes, Integer maxDocuments, Duration clockSkew, Integer maxXmlDepth) {
        this(maxEnvelopeBytes, maxDocuments, clockSkew, maxXmlDepth, null, null);
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(null, null, null, null);
    }
}
