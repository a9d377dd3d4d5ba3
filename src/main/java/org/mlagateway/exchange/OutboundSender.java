package org.mlagateway.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mlagateway.config.As4Config;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.SafeXml;
import org.mlagateway.security.EnvelopeSealer;
import org.mlagateway.security.Receipt;
import org.mlagateway.security.ReceiptVerifier;
import org.mlagateway.security.SealedEnvelope;
import org.mlagateway.security.SealedParts;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.OutboxStore;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.QueueStore;
import org.mlagateway.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Delivers outgoing messages from the {@code send} queue (docs/protocol.md#outbound. Each worker has
 * its own lease owner id and claims the item it is about to send ({@link #BATCH}), so no message is ever sent by
 * two workers or nodes at once, and passes over partners that {@code maxInFlightPerPartner} of this
 * node's workers are already busy with, so one slow partner cannot hold up the others. A message is
 * signed and encrypted afresh for every attempt (a retry must never be a replay), POSTed under a
 * hard deadline with a bounded answer ({@link PartnerCall}), and {@code DELIVERED} only once the
 * partner's receipt verifies. Leases are short ({@link #LEASE}) and a heartbeat renews those the
 * workers hold every {@link #HEARTBEAT}, however long an attempt takes, so that the items of a node
 * killed mid-attempt are claimed by another node seconds later; a node restarted under the same
 * node id frees what its previous life held at once. Failures are retried on the back-off
 * schedule with the same message id, so the partner's duplicate handling makes a retry after a
 * crash safe; a final answer, or the give-up time, makes it {@code FAILED}. Every attempt is
 * recorded, and a failure in one item fails that item alone.
 */
public final class OutboundSender implements AutoCloseable {
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /**
     * Items one worker claims at once. One: a worker leases only the item it is about to send, so an item
     * never waits, leased, behind another's slow attempt, and a dead node's items are free for the others
     * as soon as their leases run out (a claim is one indexed query, cheap beside an attempt).
     */
    static final int BATCH = 1;
    /** How long a claim lasts unrenewed: how long a dead node's items wait for another node. */
    static final Duration LEASE = Duration.ofSeconds(8);
    /**
     * How often the leases the workers hold are renewed: three renewals per lease, so a renewal may wait
     * the pool's whole connection timeout (5 s) and still come in time.
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** How long close() waits for workers to record what they were doing. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(OutboundSender.class);

    private final OutboxStore outbox;
    private final QueueStore queues;
    private final MessageReads reads;
    private final EnvelopeSealer sealer;
    private final ReceiptVerifier receipts;
    private final PartnerDirectory partners;
    private final SendingConfig sending;
    private final Clock clock;
    private final String node;
    private final ExchangeEvents events;
    private final PartnerCall call;
    private final PartnerSlots slots;
    private final Duration lease;
    private final SafeXml xml;
    private final As4Outbound as4;
    /** The items each worker holds now, by its owner id, for the heartbeat. */
    private final Map<String, Set<Long>> held = new ConcurrentHashMap<>();

    private ScheduledExecutorService workers;
    private volatile boolean closing;

    /**
     * {@code node} names this process uniquely among the nodes sharing the database; workers add their number.
     * {@code maxXmlDepth} is the configured {@code limits.maxXmlDepth}, applied to partners' answers.
     */
    public <S extends OutboxStore & QueueStore & MessageReads> OutboundSender(
            S store,
            EnvelopeSealer sealer,
            ReceiptVerifier receipts,
            PartnerDirectory partners,
            SendingConfig sending,
            Clock clock,
            String node,
            ExchangeEvents events,
            int maxXmlDepth) {
        this(store, sealer, receipts, partners, sending, clock, node, events, maxXmlDepth, null);
    }

    /** As above, delivering with {@code as4} (docs/as4.md#outbound) to the partners that speak AS4. */
    public <S extends OutboxStore & QueueStore & MessageReads> OutboundSender(
            S store,
            EnvelopeSealer sealer,
            ReceiptVerifier receipts,
            PartnerDirectory partners,
            SendingConfig sending,
            Clock clock,
            String node,
            ExchangeEvents events,
            int maxXmlDepth,
            As4Outbound as4) {
        this.as4 = as4;
        this.xml = new SafeXml(maxXmlDepth);
        this.events = events;
        this.outbox = store;
        this.queues = store;
        this.reads = store;
        this.sealer = sealer;
        this.receipts = receipts;
        this.partners = partners;
        this.sending = sending;
        this.clock = clock;
        this.node = node;
        this.call = new PartnerCall(sending.attemptTimeout(), sending.maxResponseBytes(), clock);
        this.slots = new PartnerSlots(sending.maxInFlightPerPartner());
        this.lease = LEASE;
    }

    /** Starts the configured number of workers, each polling the queue under its own owner id. */
    public synchronized void start() {
        int freed = queues.expireLeasesOf(node);
        if (freed > 0) {
            LOG.info("took back {} queue item(s) that this node ({}) held before it restarted", freed, node);
        }
        workers = Executors.newScheduledThreadPool(sending.workers() + 1, r -> {
            Thread t = new Thread(r, "sender-" + node);
            t.setDaemon(true);
            return t;
        });
        for (int i = 1; i <= sending.workers(); i++) {
            String owner = owner(i);
            workers.scheduleWithFixedDelay(() -> pollSafely(owner), 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        long beat = HEARTBEAT.toMillis();
        workers.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** Renews every lease the workers hold; a lease lost meanwhile is found by its worker at ack. */
    private void heartbeat() {
        for (Map.Entry<String, Set<Long>> e : held.entrySet()) {
            List<Long> ids = List.copyOf(e.getValue());
            if (ids.isEmpty() || closing) {
                continue;
            }
            try {
                queues.renewLeases(ids, e.getKey(), lease);
            } catch (RuntimeException failure) {
                LOG.warn("could not renew the leases of {}: {}", e.getKey(), failure.getMessage());
            }
        }
    }

    /** The lease owner id of worker {@code n}: unique per worker, so one worker can never ack another's item. */
    String owner(int n) {
        return node + "-w" + n;
    }

    private void pollSafely(String owner) {
        try {
            while (!closing && sendDue(owner) > 0) {
                // keep going while there is work, until close()
            }
        } catch (RuntimeException e) {
            LOG.error("sender pass of {} failed: {}", owner, e.getMessage(), e);
        }
    }

    /** One pass of one worker: claims one partner's due items, if any partner has room, and tries each. */
    int sendDue(String owner) {
        List<QueueItem> items;
        String partner;
        synchronized (slots) { // this node claims one at a time, so its per-partner limit is exact
            items = queues.claimOneTarget(Queue.SEND, slots.full(), owner, BATCH, lease);
            if (items.isEmpty()) {
                return 0;
            }
            partner = items.get(0).target();
            slots.take(partner);
        }
        Set<Long> mine = held.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet());
        items.forEach(i -> mine.add(i.id()));
        try {
            List<Long> open = new ArrayList<>(items.stream().map(QueueItem::id).toList());
            for (int i = 0; i < items.size() && !closing; i++) {
                QueueItem item = items.get(i);
                // The items still waiting get a fresh lease, so none runs out behind a slow attempt.
                if (i > 0 && !queues.renewLeases(open, owner, lease).contains(item.id())) {
                    LOG.warn("queue item {} was claimed elsewhere after its lease ran out; skipped", item.id());
                } else {
                    deliverAlone(item, owner);
                }
                open.remove(item.id());
                mine.remove(item.id());
            }
        } finally {
            mine.clear();
            slots.release(partner);
        }
        return items.size();
    }

    /**
     * A failure in one item fails that item alone: it is recorded as an attempt (InternalError), the
     * give-up rule applies, and the batch goes on.
     */
    private void deliverAlone(QueueItem item, String owner) {
        Instant started = clock.instant();
        try {
            deliver(item, owner, started);
        } catch (RuntimeException e) {
            ErrorCode code = e instanceof GatewayException g ? g.code() : ErrorCode.INTERNAL_ERROR;
            if (code == ErrorCode.LEASE_LOST) {
                LOG.warn(
                        "lost the lease on queue item {} of message {}; another worker has it",
                        item.id(),
                        item.messageId());
                return;
            }
            LOG.error(
                    "attempt {} for message {} failed in the gateway: {}",
                    item.attempts(),
                    item.messageId(),
                    e.toString(),
                    e);
            try {
                finish(
                        item,
                        owner,
                        started,
                        AttemptResult.retry(code, null, e.getClass().getSimpleName()));
            } catch (RuntimeException again) {
                LOG.error("could not record the failed attempt for message {}: {}", item.messageId(), again.toString());
            }
        }
    }

    private void deliver(QueueItem item, String owner, Instant started) {
        StoredMessage message = reads.message(item.messagePk()).orElseThrow();
        if (message.status().isFinal()) {
            queues.ack(item.id(), owner);
            return;
        }
        PartnerEndpoint partner = partners.endpoint(message.partner()).orElse(null);
        if (partner == null) {
            finish(
                    item,
                    owner,
                    started,
                    AttemptResult.failed(
                            ErrorCode.UNKNOWN_PARTNER, null, "no endpoint is configured for " + message.partner()));
            return;
        }
        Optional<As4Config> as4Config = partners.as4(partner.partnerId());
        AttemptResult result;
        if (as4Config.isPresent() && as4 != null) {
            result = postAs4(partner, message, as4Config.get());
        } else {
            Element xmlMessage = xml.parse(message.messageXml()).getDocumentElement();
            StoredParts parts = StoredParts.of(reads, message.pk(), xmlMessage);
            if (parts.isEmpty()) {
                SealedEnvelope sealed = sealer.seal(xmlMessage, partner.encryptionCertificate(clock.instant()));
                outbox.storeSentEnvelope(message.pk(), sealed.bytes());
                result = post(partner, message, sealed);
            } else {
                result = postParts(partner, message, xmlMessage, parts);
            }
        }
        if (result.outcome() == DeliveryAttempt.Outcome.DELIVERED) {
            DeliveryAttempt attempt = attempt(item, started, result);
            outbox.markDelivered(message.pk(), attempt, result.receipt(), result.receiptStatus());
            queues.ack(item.id(), owner);
            events.sent(partner.partnerId(), DeliveryAttempt.Outcome.DELIVERED, null);
            LOG.info(
                    "delivered message {} to {} ({})",
                    message.messageId(),
                    partner.partnerId(),
                    result.receiptStatus());
        } else {
            finish(item, owner, started, result);
        }
    }

    private AttemptResult post(PartnerEndpoint partner, StoredMessage message, SealedEnvelope sealed) {
        PartnerCall.Answer answer;
        try {
            answer = call.post(partner, sealed.bytes());
        } catch (GatewayException e) {
            return AttemptResult.retry(e.code(), null, e.getMessage());
        }
        return answered(partner, message, sealed, answer);
    }

    /**
     * One attempt with documents as parts (docs/protocol.md#attachments): sealed afresh, with a new
     * data key, and each part streamed from the store and encrypted as it goes out, so that a retry
     * sends every byte again from the first, and the partner's duplicate handling keeps one message.
     */
    private AttemptResult postParts(
            PartnerEndpoint partner, StoredMessage message, Element xmlMessage, StoredParts parts) {
        SealedParts sealed = sealer.seal(xmlMessage, partner.encryptionCertificate(clock.instant()), parts.digests());
        outbox.storeSentEnvelope(message.pk(), sealed.envelope().bytes());
        PartsRequest request = new PartsRequest(sealed, parts.parts());
        PartnerCall.Answer answer;
        try {
            answer = call.post(partner, request, sending.attemptTimeoutFor(request.length()));
        } catch (GatewayException e) {
            return AttemptResult.retry(e.code(), null, e.getMessage());
        }
        return answered(partner, message, sealed.envelope(), answer);
    }

    /** The partner's answer to what {@code sealed} sent: delivered only with a receipt that verifies. */
    private AttemptResult answered(
            PartnerEndpoint partner, StoredMessage message, SealedEnvelope sealed, PartnerCall.Answer answer) {
        if (answer.status() != 200) {
            return AttemptResult.refused(answer, xml);
        }
        try {
            Receipt receipt = receipts.verify(answer.body(), message.messageId(), sealed, partner.partnerId());
            return AttemptResult.delivered(200, answer.body(), receipt.status().name());
        } catch (GatewayException e) {
            return AttemptResult.retry(
                    ErrorCode.RECEIPT_INVALID,
                    200,
                    e.code().wireName() + ": " + PartnerText.clean(e.getMessage(), PartnerText.MAX_REASON));
        }
    }

    /** One AS4 attempt: the same retry rules; the receipt must prove what this attempt sent. */
    private AttemptResult postAs4(PartnerEndpoint partner, StoredMessage message, As4Config config) {
        Element xmlMessage = xml.parse(message.messageXml()).getDocumentElement();
        As4Outbound.Attempt attempt =
                as4.seal(message, config, partner, StoredParts.of(reads, message.pk(), xmlMessage));
        outbox.storeSentEnvelope(message.pk(), attempt.sealed().wire().body());
        PartnerCall.Answer answer;
        try {
            answer = call.post(
                    partner,
                    attempt.sealed().wire().body(),
                    attempt.sealed().wire().contentType());
        } catch (GatewayException e) {
            return AttemptResult.retry(e.code(), null, e.getMessage());
        }
        if (answer.status() != 200) {
            return AttemptResult.refused(answer, xml);
        }
        try {
            as4.verify(answer.body(), attempt, partner.partnerId());
            return AttemptResult.delivered(200, answer.body(), Receipt.Status.ACCEPTED.name());
        } catch (GatewayException e) {
            if (e.code() == ErrorCode.PARTNER_FAULT) {
                // A signed ebMS error from the partner (docs/as4.md#outbound): its fault, not a bad receipt.
                return AttemptResult.retry(
                        ErrorCode.PARTNER_FAULT, 200, PartnerText.clean(e.getMessage(), PartnerText.MAX_REASON));
            }
            return AttemptResult.retry(
                    ErrorCode.RECEIPT_INVALID,
                    200,
                    e.code().wireName() + ": " + PartnerText.clean(e.getMessage(), PartnerText.MAX_REASON));
        }
    }

    /** A failed attempt: retry with back-off (or as the partner's Retry-After asks, within bounds), or give up. */
    private void finish(QueueItem item, String owner, Instant started, AttemptResult result) {
        DeliveryAttempt attempt = attempt(item, started, result);
        boolean expired = !clock.instant().isBefore(item.createdAt().plus(sending.giveUpAfter()));
        if (attempt.outcome() == DeliveryAttempt.Outcome.RETRYABLE_ERROR && !expired) {
            outbox.recordAttempt(item.messagePk(), attempt);
            queues.nack(item.id(), owner, attempt.errorCode(), delay(item.attempts(), result.retryAfter()));
            LOG.info(
                    "attempt {} for message {} failed ({}); retrying",
                    attempt.attemptNo(),
                    item.messageId(),
                    attempt.errorCode());
            return;
        }
        DeliveryAttempt last = attempt.outcome() == DeliveryAttempt.Outcome.FAILED
                ? attempt
                : new DeliveryAttempt(
                        attempt.attemptNo(),
                        attempt.at(),
                        DeliveryAttempt.Outcome.FAILED,
                        attempt.errorCode(),
                        attempt.httpStatus(),
                        PartnerText.clean(
                                "gave up after " + sending.giveUpAfter() + "; " + attempt.detail(),
                                DeliveryAttempt.MAX_DETAIL),
                        attempt.durationMs());
        outbox.markFailed(item.messagePk(), last);
        queues.ack(item.id(), owner);
        events.sent(item.target(), DeliveryAttempt.Outcome.FAILED, result.code());
        LOG.warn("message {} FAILED: {}", item.messageId(), last.errorCode());
    }

    /** The back-off, or the partner's Retry-After if that is longer, never more than the maximum back-off. */
    Duration delay(int attempts, Optional<Duration> retryAfter) {
        Duration delay = backoff(attempts);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        return delay.compareTo(sending.maxBackoff()) > 0 ? sending.maxBackoff() : delay;
    }

    /** 2^(n-1) times the initial back-off, at most the maximum. */
    Duration backoff(int attempts) {
        Duration delay = sending.initialBackoff();
        for (int i = 1; i < attempts && delay.compareTo(sending.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(sending.maxBackoff()) > 0 ? sending.maxBackoff() : delay;
    }

    private DeliveryAttempt attempt(QueueItem item, Instant started, AttemptResult result) {
        long millis = Math.max(0, Duration.between(started, clock.instant()).toMillis());
        events.deliveryAttempted(item.target(), result.outcome(), result.code(), Duration.ofMillis(millis));
        String detail = result.detail() == null ? null : PartnerText.clean(result.detail(), DeliveryAttempt.MAX_DETAIL);
        return new DeliveryAttempt(
                item.attempts(),
                started,
                result.outcome(),
                result.code() == null ? null : result.code().wireName(),
                result.httpStatus(),
                detail,
                millis);
    }

    /**
     * Stops the workers: an attempt in flight is cut and recorded as such, and the rest of its batch
     * waits for its (short) lease to run out, or for this node to start again. The workers are not
     * interrupted (an interrupt during a write closes an embedded H2 store); close waits briefly for
     * them to finish recording.
     */
    @Override
    public synchronized void close() {
        closing = true;
        call.close();
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("sender workers still busy after {}; interrupting them", CLOSE_WAIT);
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
