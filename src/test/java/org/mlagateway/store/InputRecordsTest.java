package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.security.LogCheckpointing;

/** The store's input records refuse bad values with a message that names the field. */
class InputRecordsTest {
    private static String refusal(Runnable construct) {
        return assertThrows(IllegalArgumentException.class, construct::run).getMessage();
    }

    @Test
    void routing_refusesAPriorityOutsideZeroToNine() {
        assertEquals(
                "Invalid priority 10; value must be between 0 and 9",
                refusal(() -> Routing.to(Queue.FORWARDING, "KZ-MVD", 10)));
        assertEquals(
                "Invalid priority -1; value must be between 0 and 9",
                refusal(() -> Routing.to(Queue.FORWARDING, "KZ-MVD", -1)));
    }

    @Test
    void routing_refusesAFlagReasonWithoutAFlag() {
        assertEquals(
                "flagReason given without a flag",
                refusal(() -> new Routing(Queue.FORWARDING, "KZ-MVD", 5, null, null, "why")));
    }

    @Test
    void incomingMessage_refusesAContentDigestThatIsNotSha256() {
        IncomingMessage ok = Samples.incoming(Samples.newId());
        assertEquals(
                "contentSha256 must be a SHA-256 digest of 32 bytes",
                refusal(() -> new IncomingMessage(
                        "m-1",
                        "RU-GPO",
                        "k",
                        null,
                        null,
                        null,
                        ok.envelope(),
                        ok.messageXml(),
                        new byte[20],
                        List.of(),
                        ok.routing(),
                        null)));
    }

    @Test
    void incomingMessage_refusesTwoDocumentsWithOneId() {
        IncomingMessage ok = Samples.incoming(Samples.newId());
        DocumentData doc = Samples.document("doc-1", 10);
        assertEquals(
                "document ids must be distinct within a message",
                refusal(() -> new IncomingMessage(
                        "m-1",
                        "RU-GPO",
                        "k",
                        null,
                        null,
                        null,
                        ok.envelope(),
                        ok.messageXml(),
                        ok.contentSha256(),
                        List.of(doc, doc),
                        ok.routing(),
                        null)));
    }

    @Test
    void incomingMessage_refusesAMessageIdWithALineBreak() {
        IncomingMessage ok = Samples.incoming(Samples.newId());
        assertEquals(
                "messageId must not contain a line break or other control character",
                refusal(() -> new IncomingMessage(
                        "m-\n1",
                        "RU-GPO",
                        "k",
                        null,
                        null,
                        null,
                        ok.envelope(),
                        ok.messageXml(),
                        ok.contentSha256(),
                        List.of(),
                        ok.routing(),
                        null)));
    }

    @Test
    void documentData_refusesATranslationOfThatIsNotAHexSha256() {
        assertEquals(
                "translationOf must be a lower-case hex SHA-256",
                refusal(() -> new DocumentData("d", "t", "kk", "application/pdf", new byte[1], "ABC")));
    }

    @Test
    void checkpointing_refusesZeroEntriesAndANonPositiveInterval() {
        ChainSigner signer = LogKeys.get().signer();
        assertEquals(
                "everyEntries must be at least 1, was 0",
                refusal(() -> LogCheckpointing.of(0, Duration.ofMinutes(5), signer, null)));
        assertEquals(
                "every must be positive, was PT0S",
                refusal(() -> LogCheckpointing.of(10, Duration.ZERO, signer, null)));
    }

    @Test
    void deliveryAttempt_refusesAttemptZero() {
        assertEquals(
                "attemptNo must be at least 1, was 0",
                refusal(() -> new DeliveryAttempt(
                        0, java.time.Instant.EPOCH, DeliveryAttempt.Outcome.FAILED, null, null, null, 0)));
    }

    @Test
    void rejection_keepsWhatTheRejectedPartySent_withControlCharactersReplaced_andCut() {
        Rejection r = new Rejection("SenderMismatch", null, null, "CN=evil\nO=x", "A".repeat(100), "id\r1");

        assertEquals("CN=evil?O=x", r.certificateSubject());
        assertEquals("A".repeat(64), r.sender());
        assertEquals("id?1", r.messageId());
    }
}
