package org.mlagateway.exchange;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.security.EnvelopeSealer;
import org.mlagateway.security.Receipt;
import org.mlagateway.security.ReceiptVerifier;
import org.mlagateway.security.SafeXml;
import org.mlagateway.security.SealedEnvelope;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outgoing messages from the {@code send} queue (PROTOCOL.md "Outbound"). A worker claims
 * an item under a lease, so no message is ever sent by two workers or nodes at once; signs and
 * encrypts it afresh for every attempt (a retry must never be a replay); POSTs it; and verifies the
 * partner's receipt before the message is {@code DELIVERED}. Transport errors, 5xx answers,
 * retryable faults and receipts that do not verify are retried on the back-off schedule with the
 * same message id, so the partner's duplicate handling makes a retry after a crash safe. A
 * non-retryable fault, or the give-up time, makes it {@code FAILED}. Every attempt is logged.
 */
public final class OutboundSender implements AutoCloseable {
    public static final String QUEUE = "send";
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(OutboundSender.class);
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml; charset=UTF-8";

    private final Store store;
    private final EnvelopeSealer sealer;
    private final ReceiptVerifier receipts;
    private final Map<String, PartnerEndpoint> partners;
    private final SendingConfig sending;
    private final Clock clock;
    private final String owner;
    private final ExchangeEvents events;
    private final SafeXml xml = new SafeXml(64);
    private ScheduledExecutorService workers;

    public OutboundSender(Store store, EnvelopeSealer sealer, ReceiptVerifier receipts,
                          Map<String, PartnerEndpoint> partners, SendingConfig sending, Clock clock, String owner,
                          ExchangeEvents events) {
        this.events = events;
        this.store = store;
        this.sealer = sealer;
        this.receipts = receipts;
        this.partners = partners; // a live directory: see Gateway.useEndpoint
        this.sending = sending;
        this.clock = clock;
        this.owner = owner;
    }

    /** Starts the configured number of workers, each polling the queue. */
    public synchronized void start() {
        workers = Executors.newScheduledThreadPool(sending.workers(), r -> {
            Thread t = new Thread(r, "sender-" + owner);
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < sending.workers(); i++) {
            workers.scheduleWithFixedDelay(this::pollSafely, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void pollSafely() {
        try {
            while (sendDue() > 0) {
                // keep going while there is work
            }
        } catch (RuntimeException e) {
            LOG.error("sender pass failed: {}", e.getMessage(), e);
        }
    }

    /** One pass: claims what is due and tries to deliver each; returns how many were tried. */
    public int sendDue() {
        Duration lease = sending.requestTimeout().plus(Duration.ofSeconds(30));
        List<QueueItem> items = store.claim(QUEUE, null, owner, 4, lease);
        for (QueueItem item : items) {
            deliver(item);
        }
        return items.size();
    }

    private void deliver(QueueItem item) {
        StoredMessage message = store.message(item.messagePk()).orElseThrow();
        if (StoredMessage.DELIVERED.equals(message.status()) || StoredMessage.FAILED.equals(message.status())) {
            store.ack(item.id(), owner);
            return;
        }
        PartnerEndpoint partner = partners.get(message.partner());
        Instant started = clock.instant();
        if (partner == null) {
            finish(item, message, attempt(item, started, DeliveryAttempt.Outcome.FAILED, ErrorCode.UNKNOWN_PARTNER.wireName(),
                    null, "no endpoint is configured for " + message.partner()));
            return;
        }
        SealedEnvelope sealed = sealer.seal(message.messageXml(), partner.encryptionCertificate());
        store.storeSentEnvelope(message.pk(), sealed.bytes());
        Outcome outcome = post(partner, message, sealed);
        DeliveryAttempt attempt = attempt(item, started, outcome.result, outcome.code, outcome.status, outcome.detail);
        if (outcome.result == DeliveryAttempt.Outcome.DELIVERED) {
            store.markDelivered(message.pk(), attempt, outcome.body, outcome.receiptStatus);
            store.ack(item.id(), owner);
            events.sent(partner.partnerId(), DeliveryAttempt.Outcome.DELIVERED, null);
            LOG.info("delivered message {} to {} ({})", message.messageId(), partner.partnerId(), outcome.receiptStatus);
        } else {
            finish(item, message, attempt);
        }
    }

    /** A failed attempt: retry with back-off, or give up. */
    private void finish(QueueItem item, StoredMessage message, DeliveryAttempt attempt) {
        boolean expired = !clock.instant().isBefore(item.createdAt().plus(sending.giveUpAfter()));
        if (attempt.outcome() == DeliveryAttempt.Outcome.RETRYABLE_ERROR && !expired) {
            store.recordAttempt(message.pk(), attempt);
            store.nack(item.id(), owner, attempt.errorCode(), backoff(item.attempts()));
            LOG.info("attempt {} for message {} failed ({}); retrying", attempt.attemptNo(), message.messageId(),
                    attempt.errorCode());
            return;
        }
        DeliveryAttempt last = attempt.outcome() == DeliveryAttempt.Outcome.FAILED ? attempt
                : new DeliveryAttempt(attempt.attemptNo(), attempt.at(), DeliveryAttempt.Outcome.FAILED,
                        attempt.errorCode(), attempt.httpStatus(), "gave up after " + sending.giveUpAfter(),
                        attempt.durationMs());
        store.markFailed(message.pk(), last);
        store.ack(item.id(), owner);
        events.sent(message.partner(), DeliveryAttempt.Outcome.FAILED, last.errorCode());
        LOG.warn("message {} FAILED: {}", message.messageId(), last.errorCode());
    }

    /** 2^(n-1) times the initial back-off, at most the maximum. */
    Duration backoff(int attempts) {
        Duration delay = sending.initialBackoff();
        for (int i = 1; i < attempts && delay.compareTo(sending.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(sending.maxBackoff()) > 0 ? sending.maxBackoff() : delay;
    }

    /** The result of one POST. */
    private record Outcome(DeliveryAttempt.Outcome result, String code, Integer status, String detail, byte[] body,
                           String receiptStatus) {
        static Outcome retry(String code, Integer status, String detail) {
            return new Outcome(DeliveryAttempt.Outcome.RETRYABLE_ERROR, code, status, detail, null, null);
        }
    }

    private Outcome post(PartnerEndpoint partner, StoredMessage message, SealedEnvelope sealed) {
        HttpRequest request = HttpRequest.newBuilder(partner.endpoint())
                .timeout(sending.requestTimeout())
                .header("Content-Type", SOAP_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sealed.bytes()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = partner.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return Outcome.retry(ErrorCode.TRANSPORT_FAILED.wireName(), null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(ErrorCode.TRANSPORT_FAILED.wireName(), null, "interrupted");
        }
        return answer(partner, message, sealed, response.statusCode(), response.body());
    }

    private Outcome answer(PartnerEndpoint partner, StoredMessage message, SealedEnvelope sealed, int status,
                           byte[] body) {
        if (status == 200) {
            try {
                Receipt receipt = receipts.verify(body, message.messageId(), sealed, partner.partnerId());
                return new Outcome(DeliveryAttempt.Outcome.DELIVERED, null, status, null, body,
                        receipt.status().name());
            } catch (GatewayException e) {
                return Outcome.retry(e.code() == ErrorCode.RECEIPT_INVALID ? e.code().wireName()
                        : ErrorCode.RECEIPT_INVALID.wireName(), status, e.code().wireName() + ": " + e.getMessage());
            }
        }
        if (status >= 500) {
            PartnerAnswer fault = PartnerAnswer.fault(body, xml);
            return fault.retryable() ? Outcome.retry(fault.code(), status, "partner fault")
                    : new Outcome(DeliveryAttempt.Outcome.FAILED, fault.code(), status, "partner fault", null, null);
        }
        return new Outcome(DeliveryAttempt.Outcome.FAILED, "HttpStatus" + status, status, "unexpected HTTP status",
                null, null);
    }

    private DeliveryAttempt attempt(QueueItem item, Instant started, DeliveryAttempt.Outcome outcome, String code,
                                    Integer status, String detail) {
        long millis = Math.max(0, Duration.between(started, clock.instant()).toMillis());
        events.deliveryAttempted(item.target(), outcome, code, Duration.ofMillis(millis)); // once per attempt
        return new DeliveryAttempt(item.attempts(), started, outcome, code, status, detail, millis);
    }

    @Override
    public synchronized void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
