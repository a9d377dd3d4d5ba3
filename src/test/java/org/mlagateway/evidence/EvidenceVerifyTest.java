package org.mlagateway.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.evidence.Evidence.Outcome;
import org.mlagateway.evidence.Evidence.Report;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEncoding;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.TwoGateways;

/**
 * {@code Evidence.verify}: a message that went through two gateways passes every check on both
 * sides, and a stored envelope, message or log entry altered in the database fails the check that
 * covers it, by name. Each test puts back what it altered.
 */
class EvidenceVerifyTest {
    /** The embedded store's settings (store.Dialect): the same database, opened alongside the gateway. */
    private static final String H2 = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE";

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static String id;

    @BeforeAll
    static void exchange() {
        // In clear: the tests alter stored values the way an insider holding the key-encryption key could;
        // without it, any alteration of a sealed value is refused before evidence is judged (atrest tests).
        gateways = TwoGateways.inClear(dir);
        Message m = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        id = m.getHeader().getMessageId();
        gateways.kz
                .submissions()
                .submit(gateways.kz.codec().write(m), "test", UUID.randomUUID().toString());
        TwoGateways.await("delivery", Duration.ofSeconds(60), () -> gateways.kz.store().timeline(id).stream()
                .anyMatch(e -> "acked".equals(e.event())));
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    private static StoredMessage out() {
        return gateways.kz.store().message(Direction.OUT, "RU-GPO", id).orElseThrow();
    }

    private static StoredMessage in() {
        return gateways.ru.store().message(Direction.IN, "KZ-GPO", id).orElseThrow();
    }

    private static void sql(String dataDir, String statement, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:"
                        + dir.resolve(dataDir).resolve("gateway").toAbsolutePath() + H2);
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertEquals(1, ps.executeUpdate(), statement);
        }
    }

    private static void assertOutcome(Report report, String check, Outcome outcome) {
        assertEquals(outcome, report.check(check).orElseThrow().outcome(), report.describe());
    }

    @Test
    void deliveredMessage_passesEveryCheck_atTheSenderAndTheReceiver() {
        gateways.kz.store().checkpoint();
        gateways.ru.store().checkpoint();
        for (Report report : new Report[] {
            gateways.kz.evidence().verify(out().pk()), gateways.ru.evidence().verify(in().pk())
        }) {
            assertTrue(report.ok(), report.describe());
            assertEquals(7, report.checks().size(), report.describe());
            assertTrue(report.checks().stream().allMatch(c -> c.outcome() == Outcome.PASS), report.describe());
        }
        assertTrue(gateways.ru
                .evidence()
                .verify(in().pk())
                .check(Evidence.SIGNER_CERTIFICATE)
                .orElseThrow()
                .detail()
                .contains("KZ-GPO"));
    }

    @Test
    void entriesNotYetCheckpointed_skipTheCheckpointCheck_andExportSignsOne() throws Exception {
        LogEntry extra = gateways.ru
                .store()
                .append(List.of(LogEvent.of("translated", id, null, "translator", Map.of("documents", 1))))
                .get(0);
        Report before = gateways.ru.evidence().verify(in().pk());
        assertOutcome(before, Evidence.CHECKPOINT, Outcome.SKIPPED);
        assertTrue(before.ok(), before.describe());

        Report exported = gateways.ru.evidence().export(in().pk(), new ByteArrayOutputStream());
        assertOutcome(exported, Evidence.CHECKPOINT, Outcome.PASS);
        assertTrue(gateways.ru.store().checkpointAtOrAfter(extra.seq()).isPresent());
    }

    @Test
    void oneByteChangedInTheStoredEnvelope_failsTheEnvelopeSignature() throws Exception {
        byte[] original = in().envelope();
        byte[] altered = original.clone();
        String text = new String(original, StandardCharsets.UTF_8);
        int at = text.indexOf("<wsu:Created>") + "<wsu:Created>".length() + 3;
        altered[at] = (byte) (altered[at] == '1' ? '2' : '1');
        sql("ru-data", "UPDATE messages SET envelope = ? WHERE pk = ?", altered, in().pk());
        try {
            Report report = gateways.ru.evidence().verify(in().pk());
            assertFalse(report.ok());
            assertOutcome(report, Evidence.ENVELOPE_SIGNATURE, Outcome.FAIL);
            assertTrue(
                    report.check(Evidence.ENVELOPE_SIGNATURE)
                            .orElseThrow()
                            .detail()
                            .startsWith("SignatureInvalid"),
                    report.describe());
            assertOutcome(report, Evidence.RECEIPT, Outcome.FAIL);
            assertOutcome(report, Evidence.LOG_ENTRIES, Outcome.PASS);
        } finally {
            sql("ru-data", "UPDATE messages SET envelope = ? WHERE pk = ?", original, in().pk());
        }
        assertTrue(gateways.ru
                        .evidence()
                        .verify(in().pk())
                        .check(Evidence.ENVELOPE_SIGNATURE)
                        .orElseThrow()
                        .outcome()
                == Outcome.PASS);
    }

    @Test
    void encryptedBytesChangedInTheStoredEnvelope_failTheReceiptsEnvelopeDigest() throws Exception {
        byte[] original = out().envelope();
        String text = new String(original, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("<xenc:CipherValue>") + "<xenc:CipherValue>".length() + 5;
        byte[] altered = original.clone();
        altered[at] = (byte) (altered[at] == 'A' ? 'B' : 'A');
        sql("kz-data", "UPDATE messages SET envelope = ? WHERE pk = ?", altered, out().pk());
        try {
            Report report = gateways.kz.evidence().verify(out().pk());
            // The signature covers the plaintext, which the stored message still gives; the receipt covers the bytes.
            assertOutcome(report, Evidence.ENVELOPE_SIGNATURE, Outcome.PASS);
            assertOutcome(report, Evidence.RECEIPT, Outcome.FAIL);
            assertTrue(
                    report.check(Evidence.RECEIPT).orElseThrow().detail().contains("envelope digest"),
                    report.describe());
        } finally {
            sql("kz-data", "UPDATE messages SET envelope = ? WHERE pk = ?", original, out().pk());
        }
    }

    @Test
    void alteredStoredMessage_failsTheEnvelopeSignatureAndTheContentDigest() throws Exception {
        byte[] original = in().messageXml();
        String altered = new String(original, StandardCharsets.UTF_8)
                .replaceFirst("<msg:Urgency>[A-Z]+<", "<msg:Urgency>URGENT<");
        if (altered.equals(new String(original, StandardCharsets.UTF_8))) {
            altered = new String(original, StandardCharsets.UTF_8).replaceFirst("</msg:Header>", " </msg:Header>");
        }
        sql(
                "ru-data",
                "UPDATE messages SET message_xml = ? WHERE pk = ?",
                altered.getBytes(StandardCharsets.UTF_8),
                in().pk());
        try {
            Report report = gateways.ru.evidence().verify(in().pk());
            assertOutcome(report, Evidence.ENVELOPE_SIGNATURE, Outcome.FAIL);
            assertTrue(
                    report.check(Evidence.ENVELOPE_SIGNATURE)
                            .orElseThrow()
                            .detail()
                            .contains("Body digest"),
                    report.describe());
            assertOutcome(report, Evidence.CONTENT_DIGEST, Outcome.FAIL);
        } finally {
            sql("ru-data", "UPDATE messages SET message_xml = ? WHERE pk = ?", original, in().pk());
        }
    }

    @Test
    void alteredLogEntry_failsLogEntries_namingItsSeq() throws Exception {
        LogEntry received = gateways.ru.store().timeline(id).stream()
                .filter(e -> "received".equals(e.event()))
                .findFirst()
                .orElseThrow();
        sql("ru-data", "UPDATE message_log SET actor = 'mallory' WHERE seq = ?", received.seq());
        try {
            Report report = gateways.ru.evidence().verify(in().pk());
            assertOutcome(report, Evidence.LOG_ENTRIES, Outcome.FAIL);
            assertTrue(
                    report.check(Evidence.LOG_ENTRIES).orElseThrow().detail().startsWith("seq " + received.seq() + ":"),
                    report.describe());
            assertOutcome(report, Evidence.ENVELOPE_SIGNATURE, Outcome.PASS);
        } finally {
            sql("ru-data", "UPDATE message_log SET actor = ? WHERE seq = ?", received.actor(), received.seq());
        }
    }

    @Test
    void rehashedLogEntry_failsTheChainLink() throws Exception {
        gateways.kz.store().checkpoint();
        LogEntry first = gateways.kz.store().timeline(id).get(0);
        String forged = LogEncoding.V2.hash(
                first.seq(),
                first.atMicros(),
                first.event(),
                first.messageId(),
                first.conversationId(),
                "mallory",
                first.details(),
                first.salt(),
                first.prevHash());
        sql("kz-data", "UPDATE message_log SET actor = 'mallory', hash = ? WHERE seq = ?", forged, first.seq());
        try {
            Report report = gateways.kz.evidence().verify(out().pk());
            assertOutcome(report, Evidence.LOG_ENTRIES, Outcome.PASS);
            assertOutcome(report, Evidence.LOG_CHAIN, Outcome.FAIL);
            assertTrue(
                    report.check(Evidence.LOG_CHAIN)
                            .orElseThrow()
                            .detail()
                            .contains("prev_hash is not the hash of seq " + first.seq()),
                    report.describe());
        } finally {
            sql(
                    "kz-data",
                    "UPDATE message_log SET actor = ?, hash = ? WHERE seq = ?",
                    first.actor(),
                    first.hash(),
                    first.seq());
        }
    }

    @Test
    void unknownMessage_isNotFound() {
        Gateway kz = gateways.kz;
        GatewayException e =
                assertThrows(GatewayException.class, () -> kz.evidence().verify(Long.MAX_VALUE));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals(
                ErrorCode.NOT_FOUND,
                assertThrows(GatewayException.class, () -> kz.evidence().find("no-such-id", null, null))
                        .code());
    }
}
