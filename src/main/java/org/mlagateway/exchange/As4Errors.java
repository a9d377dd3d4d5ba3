package org.mlagateway.exchange;

import org.mlagateway.error.ErrorCode;
import org.mlagateway.security.As4Signals.EbmsError;

/**
 * Our error catalogue mapped once to ebMS 3.0 errors (ebMS3 core §6.7, docs/as4.md#errors). The ebMS
 * code is coarse (every certificate step is {@code EBMS:0101 FailedAuthentication}), so each error also
 * carries our own code, one per verification step, in its ErrorDetail. {@code DecryptionFailed} is
 * {@code EBMS:0102} and says nothing more, whatever the cause.
 */
final class As4Errors {
    private static final String CONTENT = "Content";
    private static final String UNPACKAGING = "Unpackaging";
    private static final String PROCESSING = "Processing";

    private As4Errors() {}

    static EbmsError of(ErrorCode code) {
        return switch (code) {
            case MALFORMED_MESSAGE -> new EbmsError("EBMS:0009", "InvalidHeader", UNPACKAGING);
            case MESSAGE_TOO_LARGE, SCHEMA_INVALID, DOCUMENT_DIGEST_MISMATCH, TEMPORARILY_UNAVAILABLE -> other();
            case SECURITY_HEADER_MISSING, UNSUPPORTED_ALGORITHM, SIGNATURE_COVERAGE ->
                new EbmsError("EBMS:0103", "PolicyNoncompliance", PROCESSING);
            case TIMESTAMP_INVALID,
                    SIGNATURE_INVALID,
                    CERTIFICATE_UNTRUSTED,
                    CERTIFICATE_EXPIRED,
                    CERTIFICATE_REVOKED,
                    SENDER_MISMATCH,
                    REPLAY -> new EbmsError("EBMS:0101", "FailedAuthentication", PROCESSING);
            case DECRYPTION_FAILED -> new EbmsError("EBMS:0102", "FailedDecryption", PROCESSING);
            case WRONG_RECIPIENT, DUPLICATE_ID_CONFLICT -> new EbmsError("EBMS:0003", "ValueInconsistent", CONTENT);
            case PROCESSING_MODE_MISMATCH -> new EbmsError("EBMS:0010", "ProcessingModeMismatch", PROCESSING);
            case DECOMPRESSION_FAILED -> new EbmsError("EBMS:0303", "DecompressionFailure", CONTENT);
            default -> other();
        };
    }

    private static EbmsError other() {
        return new EbmsError("EBMS:0004", "Other", CONTENT);
    }
}
