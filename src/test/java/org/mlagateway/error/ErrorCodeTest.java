package org.mlagateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    /** docs/protocol.md "Error codes": the fault codes a gateway may send, and so the only ones a partner may. */
    @Test
    void wireScope_isExactlyTheProtocolsFaultCodes() {
        Set<String> wire = Arrays.stream(ErrorCode.values())
                .filter(c -> c.scope() == ErrorCode.Scope.WIRE)
                .map(ErrorCode::wireName)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "MalformedMessage",
                        "MessageTooLarge",
                        "SecurityHeaderMissing",
                        "UnsupportedAlgorithm",
                        "TimestampInvalid",
                        "SignatureInvalid",
                        "SignatureCoverage",
                        "CertificateUntrusted",
                        "CertificateExpired",
                        "CertificateRevoked",
                        "SenderMismatch",
                        "DecryptionFailed",
                        "SchemaInvalid",
                        "DocumentDigestMismatch",
                        "WrongRecipient",
                        "Replay",
                        "DuplicateIdConflict",
                        "TemporarilyUnavailable",
                        "InternalError"),
                wire);
    }

    @Test
    void everyCode_hasAUniqueWireName() {
        assertEquals(
                ErrorCode.values().length,
                Arrays.stream(ErrorCode.values())
                        .map(ErrorCode::wireName)
                        .distinct()
                        .count());
    }
}
