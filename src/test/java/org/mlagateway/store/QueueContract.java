package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.QueueItem.State;

abstract class QueueContract extends StoreContract {
    private static final Duration LEASE = Duration.ofMinutes(5);

    private long enqueue(Queue queue, String target, int priority) {
        String id = Samples.newId();
        store.accept(Samples.incoming(id, "v1", Routing.to(queue, target, priority)));
        return store.message(Direction.IN, Samples.SENDER, id).orElseThrow().pk();
    }

    @Test
    void expireLeasesOf_freesWhatTheNodesWorkersHeld_andNoOneElses() {
        enqueue(Queue.SEND, "RU-GPO", 5);
        enqueue(Queue.SEND, "RU-GPO", 5);
        enqueue(Queue.SEND, "RU-GPO", 5);
        QueueItem mine = store.claim(Queue.SEND, null, "node_a-w1", 1, LEASE).get(0);
        QueueItem alsoMine = store.claim(Queue.SEND, null, "node_a", 1, LEASE).get(0);
        // '_' is a LIKE wildcard: a node whose id differs only there is another node.
        QueueItem theirs = store.claim(Queue.SEND, null, "nodexa-w1", 1, LEASE).get(0);

        assertEquals(2, store.expireLeasesOf("node_a"));

        List<QueueItem> again = store.claim(Queue.SEND, null, "node_b-w1", 10, LEASE);
        assertEquals(
                Set.of(mine.id(), alsoMine.id()),
                new HashSet<>(again.stream().map(QueueItem::id).toList()));
        assertEquals("nodexa-w1", store.queueItem(theirs.id()).orElseThrow().leaseOwner());
        assertEquals(0, store.expireLeasesOf("node_a"));
    }

    @Test
    void claim_takesTheHighestPriorityFirst_thenTheOldest() {
        long low = enqueue(Queue.FORWARDING, "KZ-MVD", 2);
        long high = enqueue(Queue.FORWARDING, "KZ-MVD", 9);
        clock.advance(Duration.ofSeconds(1));
        long midLater = enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        long midEarlier = enqueue(Queue.FORWARDING, "KZ-MVD", 5);

        List<QueueItem> items = store.claim(Queue.FORWARDING, null, "mvd-1", 10, LEASE);

        assertEquals(
                List.of(high, midLater, midEarlier, low),
                items.stream().map(QueueItem::messagePk).toList());
        QueueItem first = items.get(0);
        assertEquals(State.LEASED, first.state());
        assertEquals("mvd-1", first.leaseOwner());
        assertEquals(clock.instant().plus(LEASE), first.leaseUntil());
        assertEquals(1, first.attempts());
        assertTrue(store.claim(Queue.FORWARDING, null, "mvd-2", 10, LEASE).isEmpty());
    }

    @Test
    void claim_withATarget_takesOnlyThatTargetsItems_andAtMostMax() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        long knb1 = enqueue(Queue.FORWARDING, "KZ-KNB", 5);
        enqueue(Queue.FORWARDING, "KZ-KNB", 5);

        List<QueueItem> items = store.claim(Queue.FORWARDING, "KZ-KNB", "knb-1", 1, LEASE);

        assertEquals(1, items.size());
        assertEquals(knb1, items.get(0).messagePk());
        assertEquals("KZ-KNB", items.get(0).target());
    }

    @Test
    void concurrentClaimers_neverTakeTheSameItem() throws Exception {
        int total = 120;
        for (int i = 0; i < total; i++) {
            enqueue(Queue.FORWARDING, "KZ-MVD", i % 10);
        }
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String owner = "worker-" + t;
            futures.add(pool.submit(() -> {
                go.await();
                List<Long> mine = new ArrayList<>();
                List<QueueItem> batch;
                while (!(batch = store.claim(Queue.FORWARDING, null, owner, 3, LEASE)).isEmpty()) {
                    batch.forEach(item -> mine.add(item.id()));
                }
                return mine;
            }));
        }
        go.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(total, all.size());
        assertEquals(total, new HashSet<>(all).size());
        assertEquals(total, count("SELECT COUNT(*) FROM message_log WHERE event = 'claimed'"));
        assertTrue(store.verify(1, ProgressListener.NONE).ok());
    }

    @Test
    void claimOneTarget_takesTheFirstDueTargetsItemsOnly_passingOverExcludedTargets() {
        long slowUrgent = enqueue(Queue.SEND, "SLOW", 9);
        long fast1 = enqueue(Queue.SEND, "FAST", 5);
        long slow2 = enqueue(Queue.SEND, "SLOW", 5);
        long fast2 = enqueue(Queue.SEND, "FAST", 5);
        enqueue(Queue.SEND, "OTHER", 1);

        List<QueueItem> fast = store.claimOneTarget(Queue.SEND, Set.of("SLOW"), "w1", 10, LEASE);
        List<QueueItem> slow = store.claimOneTarget(Queue.SEND, Set.of(), "w2", 10, LEASE);

        assertEquals(
                List.of(fast1, fast2), fast.stream().map(QueueItem::messagePk).toList());
        assertEquals(
                List.of(slowUrgent, slow2),
                slow.stream().map(QueueItem::messagePk).toList());
        assertTrue(slow.stream().allMatch(i -> i.state() == State.LEASED && "w2".equals(i.leaseOwner())));
        assertEquals(List.of(), store.claimOneTarget(Queue.SEND, Set.of("OTHER"), "w3", 10, LEASE));
        assertEquals(
                1,
                store.claimOneTarget(Queue.SEND, Set.of("SLOW", "FAST"), "w3", 10, LEASE)
                        .size());
        assertEquals(5, count("SELECT COUNT(*) FROM message_log WHERE event = 'claimed'"));
    }

    @Test
    void claimOneTarget_concurrently_neverTakesTheSameItem_andNeverMixesTargets() throws Exception {
        int total = 90;
        for (int i = 0; i < total; i++) {
            enqueue(Queue.SEND, "P" + (i % 3), i % 4);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String owner = "worker-" + t;
            futures.add(pool.submit(() -> {
                go.await();
                List<Long> mine = new ArrayList<>();
                List<QueueItem> batch;
                while (!(batch = store.claimOneTarget(Queue.SEND, Set.of(), owner, 4, LEASE)).isEmpty()) {
                    assertEquals(
                            1, batch.stream().map(QueueItem::target).distinct().count(), "one target per batch");
                    batch.forEach(item -> mine.add(item.id()));
                }
                return mine;
            }));
        }
        go.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(total, all.size());
        assertEquals(total, new HashSet<>(all).size());
    }

    @Test
    void renewLeases_extendsTheOwnersLeasesOnly_andSaysWhichItStillHolds() {
        enqueue(Queue.SEND, "P", 5);
        enqueue(Queue.SEND, "P", 5);
        List<QueueItem> batch = store.claim(Queue.SEND, null, "w1", 2, LEASE);
        List<Long> ids = batch.stream().map(QueueItem::id).toList();
        clock.advance(LEASE.minusSeconds(10));

        assertEquals(ids, store.renewLeases(ids, "w1", LEASE));
        assertEquals(
                clock.instant().plus(LEASE),
                store.queueItem(ids.get(0)).orElseThrow().leaseUntil());
        assertEquals(List.of(), store.renewLeases(ids, "w2", LEASE), "not w2's to renew");

        // w1 stalls past its lease; w2 takes the first item over; w1 still holds only the second.
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(
                ids.get(0), store.claim(Queue.SEND, null, "w2", 1, LEASE).get(0).id());
        assertEquals(List.of(ids.get(1)), store.renewLeases(ids, "w1", LEASE));
        assertEquals("w2", store.queueItem(ids.get(0)).orElseThrow().leaseOwner());
        assertEquals(3, count("SELECT COUNT(*) FROM message_log WHERE event = 'claimed'"), "renewals log nothing");
    }

    @Test
    void expiredLease_makesTheItemClaimableAgain_andTheFirstOwnerHasLostIt() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        QueueItem first = store.claim(Queue.FORWARDING, null, "slow", 1, LEASE).get(0);
        clock.advance(LEASE.plusSeconds(1));

        QueueItem again = store.claim(Queue.FORWARDING, null, "fast", 1, LEASE).get(0);

        assertEquals(first.id(), again.id());
        assertEquals(2, again.attempts());
        GatewayException lost = assertThrows(GatewayException.class, () -> store.ack(first.id(), "slow"));
        assertEquals(ErrorCode.LEASE_LOST, lost.code());
        assertEquals(State.DONE, store.ack(again.id(), "fast").state());
    }

    @Test
    void leaseNotYetExpired_isNotClaimable() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        store.claim(Queue.FORWARDING, null, "a", 1, LEASE);
        clock.advance(LEASE.minusSeconds(1));

        assertTrue(store.claim(Queue.FORWARDING, null, "b", 1, LEASE).isEmpty());
    }

    @Test
    void ack_isIdempotentForTheOwner_andLoggedOnce() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        QueueItem item = store.claim(Queue.FORWARDING, null, "mvd-1", 1, LEASE).get(0);

        QueueItem done = store.ack(item.id(), "mvd-1");
        QueueItem doneAgain = store.ack(item.id(), "mvd-1");

        assertEquals(State.DONE, done.state());
        assertEquals(done, doneAgain);
        assertEquals(1, count("SELECT COUNT(*) FROM message_log WHERE event = 'acked'"));
        assertEquals(
                ErrorCode.LEASE_LOST,
                assertThrows(GatewayException.class, () -> store.ack(item.id(), "other"))
                        .code());
    }

    @Test
    void ack_ofAnUnclaimedItem_isLeaseLost_andOfAnUnknownItem_isNotFound() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        long id = count("SELECT MAX(id) FROM queue_items");

        assertEquals(
                ErrorCode.LEASE_LOST,
                assertThrows(GatewayException.class, () -> store.ack(id, "x")).code());
        assertEquals(
                ErrorCode.NOT_FOUND,
                assertThrows(GatewayException.class, () -> store.ack(id + 99, "x"))
                        .code());
    }

    @Test
    void nack_returnsTheItemAfterTheDelay_withTheReason() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        QueueItem item = store.claim(Queue.FORWARDING, null, "mvd-1", 1, LEASE).get(0);

        QueueItem nacked = store.nack(item.id(), "mvd-1", "domestic system busy", Duration.ofMinutes(2));

        assertEquals(State.READY, nacked.state());
        assertNull(nacked.leaseOwner());
        assertEquals("domestic system busy", nacked.lastError());
        assertTrue(store.claim(Queue.FORWARDING, null, "mvd-1", 1, LEASE).isEmpty());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(
                item.id(),
                store.claim(Queue.FORWARDING, null, "mvd-2", 1, LEASE).get(0).id());
        assertEquals(
                "{\"delayMs\":120000,\"item\":" + item.id() + ",\"queue\":\"forwarding\"}",
                store.timeline(item.messageId()).stream()
                        .filter(e -> e.event().equals("nacked"))
                        .findFirst()
                        .orElseThrow()
                        .details());
    }

    @Test
    void release_freesAStuckLease_atOnce_andIsLogged() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        QueueItem item =
                store.claim(Queue.FORWARDING, null, "crashed-node", 1, LEASE).get(0);

        QueueItem released = store.release(item.id(), "operator-anna");

        assertEquals(State.READY, released.state());
        assertEquals(
                "crashed-node",
                lastEntry(item.messageId(), "released")
                        .details()
                        .replaceAll(".*\"previousOwner\":\"([^\"]+)\".*", "$1"));
        assertEquals("operator-anna", lastEntry(item.messageId(), "released").actor());
        assertEquals(
                item.id(),
                store.claim(Queue.FORWARDING, null, "healthy-node", 1, LEASE)
                        .get(0)
                        .id());
        assertEquals(
                ErrorCode.LEASE_LOST,
                assertThrows(GatewayException.class, () -> store.ack(item.id(), "crashed-node"))
                        .code());
    }

    @Test
    void move_takesATranslatedItemToForwarding() {
        long pk = enqueue(Queue.TRANSLATION, "KZ-TRANSLATION", 5);
        QueueItem item =
                store.claim(Queue.TRANSLATION, null, "translator-1", 1, LEASE).get(0);

        QueueItem moved = store.move(item.id(), Queue.FORWARDING, "KZ-MVD", "translator-1");

        assertEquals(Queue.FORWARDING, moved.queue());
        assertEquals("KZ-MVD", moved.target());
        assertEquals(State.READY, moved.state());
        assertEquals(
                pk,
                store.claim(Queue.FORWARDING, "KZ-MVD", "mvd-1", 1, LEASE)
                        .get(0)
                        .messagePk());
        assertTrue(
                store.claim(Queue.TRANSLATION, null, "translator-2", 1, LEASE).isEmpty());
        assertEquals(
                "{\"from\":\"translation\",\"item\":" + item.id() + ",\"queue\":\"forwarding\",\"target\":\"KZ-MVD\"}",
                lastEntry(item.messageId(), "requeued").details());
    }

    @Test
    void queueDepths_countItemsByQueueTargetAndState() {
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        enqueue(Queue.FORWARDING, "KZ-MVD", 5);
        enqueue(Queue.TRANSLATION, "KZ-TRANSLATION", 5);
        store.claim(Queue.FORWARDING, null, "mvd-1", 1, LEASE);

        List<QueueDepth> depths = store.queueDepths();

        assertEquals(
                List.of(
                        new QueueDepth(Queue.FORWARDING, "KZ-MVD", State.LEASED, 1),
                        new QueueDepth(Queue.FORWARDING, "KZ-MVD", State.READY, 1),
                        new QueueDepth(Queue.TRANSLATION, "KZ-TRANSLATION", State.READY, 1)),
                depths);
    }

    private LogEntry lastEntry(String messageId, String event) {
        List<LogEntry> entries = new ArrayList<>(store.timeline(messageId));
        Collections.reverse(entries);
        return entries.stream().filter(e -> e.event().equals(event)).findFirst().orElseThrow();
    }
}
