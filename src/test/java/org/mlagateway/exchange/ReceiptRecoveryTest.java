package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.StoredReceipt;
import org.mlagateway.testing.TwoGateways;

/**
 * A node killed between the accept's commit and storing the receipt it issued leaves an accepted
 * message without one. The receiving gateway here is stopped, and the receipt row it stored is
 * removed while it is down, which leaves its store exactly as such a kill does; on restart the sweep
 * issues the receipt from the stored envelope, stores it once, and the evidence export finds it.
 */
class ReceiptRecoveryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void anAcceptedMessageWithoutItsStoredReceipt_getsOneIssuedOnRecovery_thatTheEvidenceExportFinds()
            throws Exception {
        String id;
        Path deployment;
        long pk;
        try (TwoGateways first = TwoGateways.start(dir)) {
            deployment = first.deployment;
            Message m = new ExampleMessages(first.ru.codec()).request("mla-request.xml", "RU-GPO", "KZ-GPO");
            first.ru
                    .submissions()
                    .submit(first.ru.codec().write(m), "test", UUID.randomUUID().toString());
            id = m.getHeader().getMessageId();
            TwoGateways.await(
                    "delivery to KZ-GPO",
                    DEADLINE,
                    () -> first.ru
                                    .store()
                                    .message(Direction.OUT, "KZ-GPO", id)
                                    .orElseThrow()
                                    .status()
                            == MessageStatus.DELIVERED);
            pk = first.kz
                    .store()
                    .message(Direction.IN, "RU-GPO", id)
                    .orElseThrow()
                    .pk();
            assertEquals(1, issued(first.kz.store().receipts(pk)).size());
        }
        String h2 = "jdbc:h2:file:" + dir.resolve("kz-data").toAbsolutePath().resolve("gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(h2, "", "");
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM receipts WHERE message_pk = ? AND direction = 'ISSUED'")) {
            ps.setLong(1, pk);
            assertEquals(1, ps.executeUpdate());
            c.commit();
        }

        // Two minutes on, the accept is old enough for its missing receipt to count as lost.
        Clock later = Clock.offset(Clock.systemUTC(), ReceiptRecovery.AGE.plusMinutes(1));
        try (TwoGateways again = TwoGateways.start(dir, deployment, later)) {
            long messagePk = pk;
            TwoGateways.await(
                    "the start's sweep to store the receipt",
                    DEADLINE,
                    () -> issued(again.kz.store().receipts(messagePk)).size() == 1);
            assertEquals(0, again.kz.receiptRecovery().sweep(), "a second sweep stores nothing");
            StoredReceipt receipt = issued(again.kz.store().receipts(pk)).get(0);
            StoredMessage message = again.kz.store().message(pk).orElseThrow();
            assertEquals("ACCEPTED", receipt.status());
            assertEquals(message.receiptLogSeq(), receipt.logSeq());
            String xml = new String(receipt.xml(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xml.contains(id), "the receipt names the message");
            assertTrue(xml.contains("NonRepudiationInformation"), "it repeats the sender's references");
            assertTrue(
                    again.kz.store().timeline(pk).stream()
                            .anyMatch(e -> e.event().equals("receipt-recovered")),
                    "the recovery is logged in the message's timeline");
            Evidence.Report report = again.kz.evidence().verify(pk);
            assertEquals(
                    Evidence.Outcome.PASS,
                    report.check(Evidence.RECEIPT).orElseThrow().outcome(),
                    report::describe);
            assertTrue(report.ok(), report::describe);
            assertTrue(again.kz.store().verify(1, null).ok());
        }
    }

    private static List<StoredReceipt> issued(List<StoredReceipt> receipts) {
        return receipts.stream()
                .filter(r -> StoredReceipt.ISSUED.equals(r.direction()))
                .toList();
    }
}
