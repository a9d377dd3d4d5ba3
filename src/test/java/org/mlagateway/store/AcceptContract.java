package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.AcceptResult.Outcome;

abstract class AcceptContract extends StoreContract {

    @Test
    void accept_storesMessageDocumentsQueueItemAndLogEntries_inOneTransaction() {
        String id = Samples.newId();
        IncomingMessage in = Samples.incoming(
                id,
                "v1",
                new Routing(
                        Queue.TRANSLATION,
                        "KZ-TRANSLATION",
                        7,
                        START.plus(Duration.ofDays(10)),
                        "urgent",
                        "provisional arrest"));

        AcceptResult result = store.accept(in);

        assertEquals(new AcceptResult(Outcome.ACCEPTED, result.messagePk(), START, 1, null), result);
        StoredMessage m = store.message(Direction.IN, Samples.SENDER, id).orElseThrow();
        assertEquals(result.messagePk(), m.pk());
        assertEquals("MLA_REQUEST", m.kind());
        assertEquals("MLA_SERVICE_OF_DOCUMENTS", m.requestType());
        assertEquals(Samples.conversationOf(id).toString(), m.conversationId());
        assertEquals(MessageStatus.RECEIVED, m.status());
        assertEquals(START, m.receivedAt());
        assertArrayEquals(in.envelope(), m.envelope());
        assertArrayEquals(in.messageXml(), m.messageXml());
        assertEquals(LogHash.sha256Hex(in.messageXml()), m.contentSha256());
        assertEquals(1L, m.receiptLogSeq());
        StoredDocument doc = store.documents(m.pk()).get(0);
        assertEquals(1024, doc.size());
        assertEquals(LogHash.sha256Hex(in.documents().get(0).content()), doc.sha256());
        assertArrayEquals(in.documents().get(0).content(), doc.content());
        QueueItem item = store.claim(Queue.TRANSLATION, "KZ-TRANSLATION", "translator-1", 10, Duration.ofMinutes(5))
                .get(0);
        assertEquals(m.pk(), item.messagePk());
        assertEquals(7, item.priority());
        assertEquals(START.plus(Duration.ofDays(10)), item.dueAt());
        assertEquals("urgent", item.flag());
        assertEquals("provisional arrest", item.flagReason());
        assertEquals(List.of("received", "stored", "routed", "claimed"), events(id));
        assertEquals(
                "{\"direction\":\"IN\",\"kind\":\"MLA_REQUEST\",\"partner\":\"RU-GPO\"}",
                store.timeline(id).get(0).details());
    }

    @Test
    void redelivery_withSameContent_isDuplicateWithOriginalTimeAndSeq_andCreatesNothingNew() {
        String id = Samples.newId();
        AcceptResult first = store.accept(Samples.incoming(id));
        clock.advance(Duration.ofMinutes(3));

        AcceptResult again = store.accept(Samples.incoming(id));

        assertEquals(new AcceptResult(Outcome.DUPLICATE, first.messagePk(), START, 1, 4L), again);
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
        assertEquals(1, count("SELECT COUNT(*) FROM documents"));
        assertEquals(1, count("SELECT COUNT(*) FROM queue_items"));
        assertEquals(List.of("received", "stored", "routed", "duplicate-received"), events(id));
        assertEquals("{\"originalSeq\":1}", store.timeline(id).get(3).details());
    }

    @Test
    void redelivery_withDifferentContent_isConflict_andStoresNothing() {
        String id = Samples.newId();
        IncomingMessage original = Samples.incoming(id);
        store.accept(original);

        AcceptResult conflict =
                store.accept(Samples.incoming(id, "other content", Routing.to(Queue.FORWARDING, "KZ-MVD", 5)));

        assertEquals(Outcome.CONFLICT, conflict.outcome());
        assertEquals(START, conflict.receivedAt());
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
        assertEquals(3, count("SELECT seq FROM log_head"));
        assertArrayEquals(
                original.messageXml(),
                store.message(conflict.messagePk()).orElseThrow().messageXml());
    }

    @Test
    void sameMessageId_fromAnotherSender_isAnotherMessage() {
        String id = Samples.newId();
        store.accept(Samples.incoming(id));
        IncomingMessage fromTurkey = withSender(Samples.incoming(id), "TR-MOJ");

        assertEquals(Outcome.ACCEPTED, store.accept(fromTurkey).outcome());
        assertEquals(2, count("SELECT COUNT(*) FROM messages"));
    }

    @Test
    void concurrentIdenticalDeliveries_exactlyOneIsAccepted_theOthersAreDuplicatesOfIt() throws Exception {
        String id = Samples.newId();
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<AcceptResult>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit((Callable<AcceptResult>) () -> {
                go.await();
                return store.accept(Samples.incoming(id));
            }));
        }
        go.countDown();
        List<AcceptResult> results = new ArrayList<>();
        for (Future<AcceptResult> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(
                1, results.stream().filter(r -> r.outcome() == Outcome.ACCEPTED).count());
        assertEquals(
                threads - 1,
                results.stream().filter(r -> r.outcome() == Outcome.DUPLICATE).count());
        long pk = results.get(0).messagePk();
        assertTrue(results.stream().allMatch(r -> r.messagePk() == pk && r.receiptLogSeq() == 1), results::toString);
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
        assertEquals(1, count("SELECT COUNT(*) FROM queue_items"));
        assertEquals(3 + threads - 1, count("SELECT COUNT(*) FROM message_log"));
        assertTrue(store.verify(1, ProgressListener.NONE).ok());
    }

    @Test
    void failingTransaction_leavesNoMessageNoQueueItemAndNoLogEntry() {
        sql("ALTER TABLE queue_items ADD CONSTRAINT test_poison CHECK (target <> 'poison')");
        String id = Samples.newId();

        assertThrows(
                StoreException.class,
                () -> store.accept(Samples.incoming(id, "v1", Routing.to(Queue.FORWARDING, "poison", 1))));

        assertEquals(0, count("SELECT COUNT(*) FROM messages"));
        assertEquals(0, count("SELECT COUNT(*) FROM documents"));
        assertEquals(0, count("SELECT COUNT(*) FROM message_log"));
        assertEquals(1, store.accept(Samples.incoming(Samples.newId())).receiptLogSeq());
    }

    @Test
    void rejection_isLoggedWithItsCodeAndWhatIsKnown() {
        long seq = store.recordRejection(new Rejection(
                "SignatureInvalid", "corr-42", "192.0.2.10", "CN=RU-GPO signing,O=RU-GPO,C=RU", Samples.SENDER, "m-1"));

        LogEntry entry = store.timeline("m-1").get(0);
        assertEquals(1, seq);
        assertEquals("rejected", entry.event());
        assertEquals(
                "{\"certificateSubject\":\"CN=RU-GPO signing,O=RU-GPO,C=RU\",\"code\":\"SignatureInvalid\","
                        + "\"correlationId\":\"corr-42\",\"remoteAddress\":\"192.0.2.10\",\"sender\":\"RU-GPO\"}",
                entry.details());
    }

    @Test
    void rejection_withNothingKnownButTheCode_isStillLogged() {
        long seq = store.recordRejection(new Rejection("MalformedMessage", null, null, null, null, null));

        assertEquals(1, seq);
        assertEquals(1, count("SELECT COUNT(*) FROM message_log WHERE event = 'rejected' AND message_id IS NULL"));
    }

    @Test
    void issuedReceipt_isKeptWithTheSeqOfTheReceivedEntry() {
        AcceptResult accepted = store.accept(Samples.incoming(Samples.newId()));

        store.storeIssuedReceipt(accepted, "<exc:Receipt/>".getBytes(), "Accepted");

        assertEquals(
                1,
                count("SELECT log_seq FROM receipts WHERE direction = 'ISSUED' AND message_pk = "
                        + accepted.messagePk()));
    }

    @Test
    void issuedReceipt_forAnAcceptResult_isKeptWithTheSeqOfTheOriginalReceivedEntry() {
        String id = Samples.newId();
        store.accept(Samples.incoming(id));
        clock.advance(Duration.ofMinutes(1));
        AcceptResult duplicate = store.accept(Samples.incoming(id));

        store.storeIssuedReceipt(duplicate, "<exc:Receipt/>".getBytes(), "DUPLICATE");

        assertEquals(1, count("SELECT log_seq FROM receipts WHERE direction = 'ISSUED' AND status = 'DUPLICATE'"));
    }

    @Test
    void readingAnUnknownMessage_isEmpty() {
        assertTrue(store.message(Direction.IN, Samples.SENDER, "nope").isEmpty());
        assertTrue(store.message(987654L).isEmpty());
        assertTrue(store.timeline("nope").isEmpty());
    }

    private List<String> events(String messageId) {
        return store.timeline(messageId).stream().map(LogEntry::event).toList();
    }

    private static IncomingMessage withSender(IncomingMessage m, String sender) {
        return IncomingMessage.received(
                Samples.summary(m.messageId()), sender, m.envelope(), m.messageXml(), m.documents(), m.routing());
    }

    @Test
    void signatureValue_isAcceptedOnceThenReportedAsReplay() {
        byte[] signature = Samples.sha256("signature value one");
        Instant until = START.plus(Duration.ofMinutes(10));

        assertEquals(
                Outcome.ACCEPTED,
                store.accept(Samples.incoming(Samples.newId()), signature, until)
                        .outcome());
        GatewayException replay = assertThrows(
                GatewayException.class, () -> store.accept(Samples.incoming(Samples.newId()), signature, until));
        assertEquals(
                Outcome.ACCEPTED,
                store.accept(Samples.incoming(Samples.newId()), Samples.sha256("signature value two"), until)
                        .outcome());

        assertEquals(ErrorCode.REPLAY, replay.code());
        assertEquals(2, count("SELECT COUNT(*) FROM seen_signatures"));
    }

    @Test
    void acceptWithSignature_recordsTheSignatureWithTheMessage_andAReplayStoresNothing() {
        byte[] signature = Samples.sha256("signature of delivery one");
        Instant until = START.plus(Duration.ofMinutes(10));
        String id = Samples.newId();

        AcceptResult result = store.accept(Samples.incoming(id), signature, until);

        assertEquals(Outcome.ACCEPTED, result.outcome());
        assertEquals(1, count("SELECT COUNT(*) FROM seen_signatures"));
        GatewayException replay = assertThrows(
                GatewayException.class, () -> store.accept(Samples.incoming(Samples.newId()), signature, until));
        assertEquals(ErrorCode.REPLAY, replay.code());
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
        assertEquals(1, count("SELECT COUNT(*) FROM queue_items"));
        assertEquals(List.of("received", "stored", "routed"), events(id));
        assertEquals(1, count("SELECT COUNT(*) FROM seen_signatures"));
    }

    @Test
    void acceptWithSignature_aRetrySignedAfreshIsDuplicate_butTheSameSignatureAgainIsReplay() {
        String id = Samples.newId();
        Instant until = START.plus(Duration.ofMinutes(10));
        store.accept(Samples.incoming(id), Samples.sha256("first signature"), until);

        AcceptResult retry = store.accept(Samples.incoming(id), Samples.sha256("second signature"), until);
        GatewayException replay = assertThrows(
                GatewayException.class,
                () -> store.accept(Samples.incoming(id), Samples.sha256("second signature"), until));

        assertEquals(Outcome.DUPLICATE, retry.outcome());
        assertEquals(ErrorCode.REPLAY, replay.code());
        assertEquals(2, count("SELECT COUNT(*) FROM seen_signatures"));
        assertEquals(List.of("received", "stored", "routed", "duplicate-received"), events(id));
    }

    @Test
    void acceptWithSignature_aConflictStillRecordsTheSignature() {
        String id = Samples.newId();
        Instant until = START.plus(Duration.ofMinutes(10));
        store.accept(Samples.incoming(id), Samples.sha256("first signature"), until);
        IncomingMessage other = Samples.incoming(id, "other content", Routing.to(Queue.FORWARDING, "KZ-MVD", 5));

        AcceptResult conflict = store.accept(other, Samples.sha256("conflicting signature"), until);
        GatewayException replay = assertThrows(
                GatewayException.class, () -> store.accept(other, Samples.sha256("conflicting signature"), until));

        assertEquals(Outcome.CONFLICT, conflict.outcome());
        assertEquals(ErrorCode.REPLAY, replay.code());
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
    }

    @Test
    void acceptWithSignature_concurrentDeliveriesOfOneSignature_exactlyOneIsAccepted() throws Exception {
        byte[] signature = Samples.sha256("one signature, many deliveries");
        Instant until = START.plus(Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return store.accept(Samples.incoming(Samples.newId()), signature, until)
                                .outcome()
                                .name();
                    } catch (GatewayException e) {
                        return e.code().name();
                    }
                }));
            }
            go.countDown();
            List<String> seen = new ArrayList<>();
            for (Future<String> f : outcomes) {
                seen.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, seen.stream().filter("ACCEPTED"::equals).count(), seen.toString());
            assertEquals(5, seen.stream().filter("REPLAY"::equals).count(), seen.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
    }
}
