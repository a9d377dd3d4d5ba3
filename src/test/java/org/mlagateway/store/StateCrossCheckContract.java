package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue items, message statuses and receipts follow from the log: after a realistic flow the
 * replay agrees with the tables, and every change to them by plain SQL, which leaves the hash chain
 * intact, is named.
 */
abstract class StateCrossCheckContract extends StoreContract {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final byte[] RECEIPT = "<rcpt:Receipt>delivered</rcpt:Receipt>".getBytes(StandardCharsets.UTF_8);

    long forwarded;
    long translated;
    long released;
    long deliveredPk;
    long delivered;
    long failedPk;
    long requeued;
    long receiptSeq;
    final String in1 = Samples.newId();
    final String out1 = Samples.newId();
    final String out2 = Samples.newId();

    /**
     * Three received messages: one forwarded (claimed, nacked, claimed again, acked), one translated and
     * moved on to forwarding (left leased), one whose lease an operator released; two sent: one delivered
     * after a retry, one given up and queued again by an operator; and a duplicate delivery.
     */
    @BeforeEach
    void flow() {
        AcceptResult first = store.accept(Samples.incoming(in1));
        store.storeIssuedReceipt(first, "<rcpt:Receipt>issued</rcpt:Receipt>".getBytes(StandardCharsets.UTF_8), "OK");
        forwarded = claimOne(Queue.FORWARDING, "KZ-MVD", "mvd-1");
        store.nack(forwarded, "mvd-1", "busy", Duration.ZERO);
        assertEquals(forwarded, claimOne(Queue.FORWARDING, "KZ-MVD", "mvd-2"));
        store.ack(forwarded, "mvd-2");
        assertEquals(
                AcceptResult.Outcome.DUPLICATE,
                store.accept(Samples.incoming(in1)).outcome());

        AcceptResult second =
                store.accept(Samples.incoming(Samples.newId(), "v1", Routing.to(Queue.TRANSLATION, "ru-kk", 5)));
        translated = claimOne(Queue.TRANSLATION, "ru-kk", "translator-1");
        store.addTranslations(
                second.messagePk(),
                List.of(new DocumentData(
                        "doc-1-kk",
                        "request",
                        "kk",
                        "application/pdf",
                        new byte[] {1, 2, 3},
                        LogHash.sha256Hex(Samples.document("doc-1", 1024).content()))),
                null,
                "translator-1");
        store.move(translated, Queue.FORWARDING, "KZ-MVD", "translator-1");
        assertEquals(translated, claimOne(Queue.FORWARDING, "KZ-MVD", "mvd-1"));

        store.accept(Samples.incoming(Samples.newId(), "v1", Routing.to(Queue.FORWARDING, "KZ-FSB", 5)));
        released = claimOne(Queue.FORWARDING, "KZ-FSB", "fsb-1");
        store.release(released, "operator-1");

        deliveredPk = store.submitOutgoing(
                        Samples.outgoing(out1, Queue.SEND), "kz-prosecution", "key-1", Samples.sha256("out-1"))
                .messagePk();
        delivered = claimOne(Queue.SEND, "TR-MOJ", "sender-1");
        store.recordAttempt(
                deliveredPk,
                new DeliveryAttempt(
                        1,
                        clock.instant(),
                        DeliveryAttempt.Outcome.RETRYABLE_ERROR,
                        "HTTP_503",
                        503,
                        "unavailable",
                        20));
        store.nack(delivered, "sender-1", "HTTP_503", Duration.ZERO);
        assertEquals(delivered, claimOne(Queue.SEND, "TR-MOJ", "sender-1"));
        receiptSeq = store.markDelivered(
                deliveredPk,
                new DeliveryAttempt(2, clock.instant(), DeliveryAttempt.Outcome.DELIVERED, null, 200, null, 30),
                RECEIPT,
                "DELIVERED");
        store.ack(delivered, "sender-1");

        failedPk = store.submitOutgoing(
                        Samples.outgoing(out2, Queue.SEND), "kz-prosecution", "key-2", Samples.sha256("out-2"))
                .messagePk();
        long failedItem = claimOne(Queue.SEND, "TR-MOJ", "sender-1");
        store.markFailed(
                failedPk,
                new DeliveryAttempt(
                        1, clock.instant(), DeliveryAttempt.Outcome.FAILED, "HTTP_400", 400, "refused", 10));
        store.ack(failedItem, "sender-1");
        requeued = store.requeueFailed(failedPk, "operator-1").id();

        assertTrue(store.verify(1, ProgressListener.NONE).ok());
    }

    private long claimOne(Queue queue, String target, String owner) {
        List<QueueItem> items = store.claim(queue, target, owner, 1, LEASE);
        assertEquals(1, items.size(), "one item due on " + queue + " for " + target);
        return items.get(0).id();
    }

    private StateReport crossCheck() {
        return store.crossCheckState(ProgressListener.NONE);
    }

    /** The chain still verifies (the tampering touched no log entry), and the cross-check names exactly this. */
    private void assertOnlyFinding(String expected) {
        assertTrue(store.verify(1, ProgressListener.NONE).ok(), "the hash chain alone does not see it");
        StateReport report = crossCheck();
        assertFalse(report.ok());
        assertEquals(
                List.of(expected),
                report.findings().stream().map(StateFinding::describe).toList());
    }

    @Test
    void afterARealisticFlow_everyItemStatusAndReceiptAgreesWithTheLog() {
        StateReport report = crossCheck();

        assertEquals(new StateReport(6, 5, 2, 0, 0, List.of()), report);
    }

    @Test
    void aChangedTarget_isAStateMismatch() {
        sql("UPDATE queue_items SET target = 'KZ-FSB' WHERE id = " + translated);

        assertOnlyFinding("STATE_MISMATCH queue_items id=" + translated + " field=target log=KZ-MVD table=KZ-FSB");
    }

    @Test
    void aChangedState_isAStateMismatch() {
        sql("UPDATE queue_items SET state = 'DONE' WHERE id = " + released);

        assertOnlyFinding("STATE_MISMATCH queue_items id=" + released + " field=state log=READY table=DONE");
    }

    @Test
    void aChangedQueue_isAStateMismatch() {
        sql("UPDATE queue_items SET queue_name = 'translation' WHERE id = " + forwarded);

        assertOnlyFinding(
                "STATE_MISMATCH queue_items id=" + forwarded + " field=queue log=forwarding table=translation");
    }

    @Test
    void aChangedLeaseHolder_isAStateMismatch() {
        sql("UPDATE queue_items SET lease_owner = 'mallory' WHERE id = " + translated);

        assertOnlyFinding("STATE_MISMATCH queue_items id=" + translated + " field=lease_owner log=mvd-1 table=mallory");
    }

    @Test
    void anItemMovedToAnotherMessage_isAStateMismatch() {
        sql("UPDATE queue_items SET message_pk = " + deliveredPk + " WHERE id = " + requeued);

        assertOnlyFinding("STATE_MISMATCH queue_items id=" + requeued + " field=message log=OUT TR-MOJ " + out2
                + " table=OUT TR-MOJ " + out1);
    }

    @Test
    void aChangedMessageStatus_isAStateMismatch() {
        sql("UPDATE messages SET status = 'DELIVERED' WHERE pk = " + failedPk);

        assertOnlyFinding("STATE_MISMATCH messages pk=" + failedPk + " field=status log=QUEUED table=DELIVERED");
    }

    @Test
    void aDeletedReceipt_isAMissingRow() {
        sql("DELETE FROM receipts WHERE direction = 'RECEIVED'");

        assertOnlyFinding("MISSING_ROW receipts log_seq=" + receiptSeq);
    }

    @Test
    void aReplacedReceipt_isAStateMismatchOfItsDigest() {
        sql("UPDATE receipts SET receipt_xml = receipt_xml || receipt_xml WHERE direction = 'RECEIVED'");

        StateReport report = crossCheck();

        assertEquals(1, report.findingCount());
        StateFinding f = report.findings().get(0);
        assertEquals(StateFinding.Kind.STATE_MISMATCH, f.kind());
        assertEquals("receipt_xml sha256", f.field());
        assertEquals(LogHash.sha256Hex(RECEIPT), f.logValue());
    }

    @Test
    void aQueueItemWithNoLogEntry_isAnUnloggedRow() {
        sql("INSERT INTO queue_items (id, queue_name, target, message_pk, state, priority, available_at, attempts,"
                + " created_at, updated_at) VALUES (9001, 'forwarding', 'KZ-FSB', " + deliveredPk
                + ", 'READY', 5, CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

        assertOnlyFinding("UNLOGGED_ROW queue_items id=9001");
    }

    @Test
    void aReceiptWithNoLogEntry_isAnUnloggedRow() {
        sql("INSERT INTO receipts (pk, message_pk, direction, receipt_xml, status, log_seq, created_at)"
                + " SELECT 9002, " + failedPk + ", direction, receipt_xml, status, NULL, created_at FROM receipts"
                + " WHERE direction = 'RECEIVED'");

        assertOnlyFinding("UNLOGGED_ROW receipts pk=9002");
    }

    @Test
    void aDeletedQueueItem_isAMissingRow() {
        sql("DELETE FROM queue_items WHERE id = " + released);

        assertOnlyFinding("MISSING_ROW queue_items id=" + released);
    }

    @Test
    void entriesThatSayTooLittle_areCountedAndNotJudged() {
        store.append(List.of(
                LogEvent.of("claimed", "m-x", null, "worker", Map.of("item", 777)),
                LogEvent.of("received", "m-y", null, "RU-GPO", Map.of("kind", "MLA_REQUEST")),
                LogEvent.of("receipt-received", "m-z", null, "TR-MOJ", Map.of("status", "DELIVERED"))));

        assertEquals(new StateReport(6, 5, 2, 3, 0, List.of()), crossCheck());
    }

    @Test
    void aReceiptEntryWithoutADigest_asOlderEntriesAre_isMatchedByItsSeqAndStatusOnly() {
        sql(
                "UPDATE message_log SET details = '{\"status\":\"DELIVERED\"}' WHERE seq = " + receiptSeq,
                "UPDATE receipts SET receipt_xml = receipt_xml || receipt_xml WHERE direction = 'RECEIVED'");
        assertTrue(crossCheck().ok(), "without a logged digest the receipt's content is not judged");

        sql("UPDATE receipts SET status = 'REFUSED' WHERE direction = 'RECEIVED'");

        assertEquals(
                List.of("STATE_MISMATCH receipts pk=" + receiptPk() + " field=status log=DELIVERED" + " table=REFUSED"),
                crossCheck().findings().stream().map(StateFinding::describe).toList());
    }

    private long receiptPk() {
        return count("SELECT pk FROM receipts WHERE direction = 'RECEIVED'");
    }

    @Test
    void manyItems_areComparedInBatches_andOneChangedAmongThemIsNamed() {
        long changed = 0;
        int bulk = StateCrossCheck.BATCH + 50;
        for (int i = 0; i < bulk; i++) {
            AcceptResult r = store.accept(Samples.incoming(Samples.newId()));
            if (i == StateCrossCheck.BATCH + 20) {
                changed = store.queueItemsOf(r.messagePk()).get(0).id();
            }
        }
        sql("UPDATE queue_items SET target = 'KZ-KNB' WHERE id = " + changed);

        StateReport report = crossCheck();

        assertEquals(6 + bulk, report.queueItems());
        assertEquals(5 + bulk, report.messages());
        assertEquals(
                List.of("STATE_MISMATCH queue_items id=" + changed + " field=target log=KZ-MVD table=KZ-KNB"),
                report.findings().stream().map(StateFinding::describe).toList());
    }
}
