package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

abstract class OutboxContract extends StoreContract {
    private static final byte[] REQUEST_A = LogHash.sha256("request A".getBytes(StandardCharsets.UTF_8));
    private static final byte[] REQUEST_B = LogHash.sha256("request B".getBytes(StandardCharsets.UTF_8));

    @Test
    void submit_storesTheMessageItsSendItemAndAQueuedForSendEntry() {
        String id = Samples.newId();

        SubmitResult result =
                store.submitOutgoing(Samples.outgoing(id, Queue.SEND), "kz-prosecution", "key-1", REQUEST_A);

        assertEquals(new SubmitResult(result.messagePk(), id, 1, false), result);
        StoredMessage m = store.message(Direction.OUT, "TR-MOJ", id).orElseThrow();
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(null, m.envelope());
        assertEquals(1, store.documents(m.pk()).size());
        LogEntry entry = store.timeline(id).get(0);
        assertEquals("queued-for-send", entry.event());
        assertEquals("kz-prosecution", entry.actor());
        assertEquals(
                result.messagePk(),
                store.claim(Queue.SEND, "TR-MOJ", "sender-1", 1, Duration.ofMinutes(1))
                        .get(0)
                        .messagePk());
    }

    @Test
    void resubmission_withTheSameKeyAndRequest_returnsTheFirstResult_andStoresNothingNew() {
        String id = Samples.newId();
        SubmitResult first =
                store.submitOutgoing(Samples.outgoing(id, Queue.SEND), "kz-prosecution", "key-1", REQUEST_A);

        SubmitResult again = store.submitOutgoing(
                Samples.outgoing(Samples.newId(), Queue.SEND), "kz-prosecution", "key-1", REQUEST_A);

        assertEquals(new SubmitResult(first.messagePk(), id, first.logSeq(), true), again);
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
        assertEquals(1, count("SELECT COUNT(*) FROM queue_items"));
        assertEquals(1, count("SELECT COUNT(*) FROM message_log"));
    }

    @Test
    void resubmission_withTheSameKeyAndAnotherRequest_isIdempotencyKeyReused() {
        store.submitOutgoing(Samples.outgoing(Samples.newId(), Queue.SEND), "kz-prosecution", "key-1", REQUEST_A);

        GatewayException e = assertThrows(
                GatewayException.class,
                () -> store.submitOutgoing(
                        Samples.outgoing(Samples.newId(), Queue.SEND), "kz-prosecution", "key-1", REQUEST_B));

        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, e.code());
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
    }

    @Test
    void theSameKey_fromAnotherClient_isAnotherSubmission() {
        store.submitOutgoing(Samples.outgoing(Samples.newId(), Queue.SEND), "kz-prosecution", "key-1", REQUEST_A);

        SubmitResult other = store.submitOutgoing(
                Samples.outgoing(Samples.newId(), Queue.TRANSLATION_OUTBOUND), "kz-police", "key-1", REQUEST_A);

        assertEquals(false, other.replayed());
        assertEquals(1, count("SELECT COUNT(*) FROM queue_items WHERE queue_name = 'translation-outbound'"));
    }

    @Test
    void aReusedMessageId_underANewKey_isDuplicateIdConflict() {
        String id = Samples.newId();
        store.submitOutgoing(Samples.outgoing(id, Queue.SEND), "kz-prosecution", "key-1", REQUEST_A);

        GatewayException e = assertThrows(
                GatewayException.class,
                () -> store.submitOutgoing(Samples.outgoing(id, Queue.SEND), "kz-prosecution", "key-2", REQUEST_B));

        assertEquals(ErrorCode.DUPLICATE_ID_CONFLICT, e.code());
    }

    @Test
    void failedAttempts_thenDelivery_areRecordedAndLogged_withTheReceipt() {
        String id = Samples.newId();
        long pk = store.submitOutgoing(Samples.outgoing(id, Queue.SEND), "kz-prosecution", "key-1", REQUEST_A)
                .messagePk();
        byte[] envelope = "<soap:Envelope>signed and encrypted</soap:Envelope>".getBytes(StandardCharsets.UTF_8);
        store.storeSentEnvelope(pk, envelope);
        store.recordAttempt(
                pk,
                new DeliveryAttempt(
                        1,
                        START,
                        DeliveryAttempt.Outcome.RETRYABLE_ERROR,
                        "TemporarilyUnavailable",
                        503,
                        "partner busy",
                        120));
        assertEquals(MessageStatus.RETRYING, store.message(pk).orElseThrow().status());

        long receiptSeq = store.markDelivered(
                pk,
                new DeliveryAttempt(2, START.plusSeconds(10), DeliveryAttempt.Outcome.DELIVERED, null, 200, null, 80),
                "<exc:Receipt/>".getBytes(),
                "Accepted");

        StoredMessage m = store.message(pk).orElseThrow();
        assertEquals(MessageStatus.DELIVERED, m.status());
        assertArrayEquals(envelope, m.envelope());
        assertEquals(receiptSeq, m.receiptLogSeq());
        assertEquals(
                List.of("queued-for-send", "attempt-failed", "delivered", "receipt-received"),
                store.timeline(id).stream().map(LogEntry::event).toList());
        assertEquals(4, receiptSeq);
        assertEquals(
                "{\"attempt\":1,\"code\":\"TemporarilyUnavailable\",\"durationMs\":120,\"httpStatus\":503,"
                        + "\"partner\":\"TR-MOJ\"}",
                store.timeline(id).get(1).details());
        assertEquals(2, count("SELECT COUNT(*) FROM delivery_attempts WHERE message_pk = " + pk));
        assertEquals(4, count("SELECT log_seq FROM receipts WHERE direction = 'RECEIVED' AND message_pk = " + pk));
    }

    @Test
    void aPartnerReusingOneOfOurMessageIds_getsATimelineOfItsOwn_andOursStaysOurs() {
        String id = Samples.newId();
        long ours = store.submitOutgoing(Samples.outgoing(id, Queue.SEND), "kz-prosecution", "key-1", REQUEST_A)
                .messagePk();
        byte[] xml = Samples.xml(id, "theirs");
        long theirs = store.accept(IncomingMessage.received(
                        Samples.summary(id),
                        "TR-MOJ",
                        "<soap:Envelope/>".getBytes(StandardCharsets.UTF_8),
                        xml,
                        List.of(Samples.document("doc-1", 64)),
                        Routing.to(Queue.FORWARDING, "KZ-MVD", 5)))
                .messagePk();
        QueueItem item = store.claim(Queue.FORWARDING, "KZ-MVD", "kz-mvd", 1, Duration.ofMinutes(1))
                .get(0);
        store.ack(item.id(), "kz-mvd");
        store.append(ours, List.of(LogEvent.of("ops-downloaded", id, "conv-" + id, "operator", java.util.Map.of())));

        assertEquals(
                List.of("queued-for-send", "ops-downloaded"),
                store.timeline(ours).stream().map(LogEntry::event).toList());
        assertEquals(
                List.of("received", "stored", "routed", "claimed", "acked"),
                store.timeline(theirs).stream().map(LogEntry::event).toList());
        assertEquals(7, store.timeline(id).size(), "by id alone, every entry that names it");
        assertEquals(java.util.Optional.of("kz-prosecution"), store.submitter(ours));
        assertEquals(java.util.Optional.empty(), store.submitter(theirs));
    }

    @Test
    void givingUp_marksTheMessageFailed_andLogsIt() {
        String id = Samples.newId();
        long pk = store.submitOutgoing(Samples.outgoing(id, Queue.SEND), "kz-prosecution", "key-1", REQUEST_A)
                .messagePk();

        store.markFailed(
                pk,
                new DeliveryAttempt(
                        7,
                        START,
                        DeliveryAttempt.Outcome.FAILED,
                        "CertificateUntrusted",
                        500,
                        "partner rejected our certificate",
                        50));

        assertEquals(MessageStatus.FAILED, store.message(pk).orElseThrow().status());
        assertEquals("failed", store.timeline(id).get(1).event());
        assertEquals("FAILED", queryString("SELECT outcome FROM delivery_attempts WHERE message_pk = " + pk));
    }

    @Test
    void bookkeeping_onAnIncomingMessage_isRefused_andOnAnUnknownOne_isNotFound() {
        long incoming = store.accept(Samples.incoming(Samples.newId())).messagePk();
        DeliveryAttempt failed = new DeliveryAttempt(1, START, DeliveryAttempt.Outcome.FAILED, "X", null, null, 1);

        assertThrows(IllegalArgumentException.class, () -> store.markFailed(incoming, failed));
        assertEquals(
                ErrorCode.NOT_FOUND,
                assertThrows(GatewayException.class, () -> store.markFailed(incoming + 100, failed))
                        .code());
        assertTrue(store.verify(1, ProgressListener.NONE).ok());
    }

    private String queryString(String sql) {
        try (var c = db.connect();
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
