package org.mlagateway.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.CanonicalMessage;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.Sha256;
import org.mlagateway.message.xml.Header;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.EnvelopeFacts;
import org.mlagateway.security.InboundVerifier;
import org.mlagateway.security.Receipt;
import org.mlagateway.security.ReceiptIssuer;
import org.mlagateway.security.TlsClientTrust;
import org.mlagateway.security.VerifiedMessage;
import org.mlagateway.security.VerifiedPart;
import org.mlagateway.store.AcceptResult;
import org.mlagateway.store.DocumentFiles;
import org.mlagateway.store.InboxStore;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.MessageParts;
import org.mlagateway.store.Rejection;
import org.mlagateway.store.Routing;
import org.mlagateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The inbound path of one delivery, in the order of docs/protocol.md#order-of-checks: the security steps
 * (timestamp, algorithms, signature and coverage, certificate path, decryption, sender binding,
 * recipient), mutual TLS where the partner requires it, schema and cross-field rules, document
 * digests, then the store's one-transaction accept with its queue item and the replay guard's record of
 * the signature value, and only after that commit the signed receipt. Every rejection is logged with its code and
 * correlation id, and
 * answered with a fault that carries nothing but the catalogue's words.
 */
public final class InboundExchange {
    /** Decides the queue and body of an accepted message (the routing package implements it). */
    @FunctionalInterface
    public interface InboundRouter {
        Routing route(Message message, MessageSummary summary, String partnerId);
    }

    private static final Logger LOG = LoggerFactory.getLogger(InboundExchange.class);

    private final InboundVerifier verifier;
    private final TlsClientTrust tlsClients;
    private final MessageCodec codec;
    private final InboxStore store;
    private final ReceiptIssuer receipts;
    private final InboundRouter router;
    private final Duration clockSkew;
    private final Clock clock;
    private final ExchangeEvents events;
    private final PartStore parts;

    public InboundExchange(
            InboundVerifier verifier,
            TlsClientTrust tlsClients,
            MessageCodec codec,
            InboxStore store,
            ReceiptIssuer receipts,
            InboundRouter router,
            Duration clockSkew,
            Clock clock,
            ExchangeEvents events,
            long maxDocumentBytes) {
        this.events = events;
        this.parts = new PartStore(store.documentFiles(), maxDocumentBytes);
        this.verifier = verifier;
        this.tlsClients = tlsClients;
        this.codec = codec;
        this.store = store;
        this.receipts = receipts;
        this.router = router;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** When handling began, and what the envelope told us before a failure, for the rejection entry. */
    private static final class Known {
        final long started = System.nanoTime();
        final EnvelopeFacts facts = new EnvelopeFacts();
    }

    ExchangeResponse handle(byte[] envelope, RequestInfo request) {
        return handle(envelope, List.of(), request);
    }

    /**
     * A delivery whose documents came as attachment parts ({@code parts}, spooled as they arrived,
     * still encrypted; docs/protocol.md#attachments); an envelope alone when {@code parts} is empty.
     */
    ExchangeResponse handle(byte[] envelope, List<ReceivedPart> parts, RequestInfo request) {
        String correlationId = UUID.randomUUID().toString();
        Known known = new Known();
        try {
            return accept(envelope, parts, request, known, correlationId);
        } catch (GatewayException e) {
            return reject(e.code(), e.reason(), e.getMessage(), correlationId, request, known);
        } catch (StoreException e) {
            LOG.error("store unavailable while receiving (correlation {}): {}", correlationId, e.getMessage());
            return reject(ErrorCode.TEMPORARILY_UNAVAILABLE, "store unavailable", correlationId, request, known);
        } catch (RuntimeException e) {
            LOG.error("internal error while receiving (correlation {})", correlationId, e);
            return reject(ErrorCode.INTERNAL_ERROR, e.getClass().getSimpleName(), correlationId, request, known);
        } catch (OutOfMemoryError e) {
            // The sender retries: if the accept had already committed, it gets a DUPLICATE receipt, so nothing
            // is lost or doubled. Without this, CXF would answer with its own fault naming the JVM error.
            LOG.error(
                    "out of memory while receiving (correlation {}); the heap is too small for this message",
                    correlationId);
            return reject(ErrorCode.TEMPORARILY_UNAVAILABLE, "out of memory", correlationId, request, known);
        }
    }

    /**
     * What the inbound path keeps of a verified envelope: the canonical form of its decrypted
     * message and the facts the receipt and the replay guard need, but not the envelope's DOM, so
     * that a large message's tree can be collected before the message is read and stored.
     */
    private record Verified(
            String partnerId,
            String senderAuthorityId,
            byte[] signatureValue,
            Instant expires,
            List<Element> referenceElements,
            CanonicalMessage canonical,
            List<VerifiedPart> parts) {}

    private ExchangeResponse accept(
            byte[] envelope, List<ReceivedPart> received, RequestInfo request, Known known, String correlationId) {
        Verified verified = verify(envelope, request, known);
        CanonicalMessage canonical = verified.canonical();
        Message message = codec.read(canonical);
        Header header = message.getHeader();
        codec.verify(message, canonical);
        MessageSummary summary = codec.summarize(message);
        // Each part is decrypted, checked against its signed digest and stored in one pass, before the
        // accept; unless this is a redelivery of what was accepted (the same signed content, part
        // digests included), whose accept is a duplicate: its parts were checked and stored then.
        Map<String, DocumentFiles.Written> files = (received.isEmpty()
                        ? Optional.<Map<String, DocumentFiles.Written>>empty()
                        : store.filesOfAccepted(
                                verified.senderAuthorityId(), header.getMessageId(), Sha256.of(canonical.bytes())))
                .orElseGet(() -> parts.store(
                        message, verified.parts(), received, verified.senderAuthorityId(), header.getMessageId()));
        // The replay guard's record of the signature value commits with the message (REPLAY fails both).
        Routing routing = router.route(message, summary, verified.partnerId());
        AcceptResult result = store.accept(
                IncomingMessage.received(
                        summary,
                        verified.senderAuthorityId(),
                        envelope,
                        canonical.bytes(),
                        MessageParts.documents(message, files),
                        routing),
                Sha256.of(verified.signatureValue()),
                verified.expires().plus(clockSkew));
        if (result.outcome() == AcceptResult.Outcome.CONFLICT) {
            throw new GatewayException(ErrorCode.DUPLICATE_ID_CONFLICT, "message id already used for other content");
        }
        Receipt receipt = receiptFor(header.getMessageId(), result, envelope);
        byte[] body = receipts.issue(receipt, verified.referenceElements());
        store.storeIssuedReceipt(result, body, receipt.status().name());
        LOG.info(
                "{} message {} from {} (correlation {}, log {})",
                receipt.status(),
                header.getMessageId(),
                verified.senderAuthorityId(),
                correlationId,
                receipt.logSequence());
        events.received(receipt.status().name(), null, Duration.ofNanos(System.nanoTime() - known.started));
        return ExchangeResponse.receipt(body);
    }

    /** The security steps and mutual TLS; the envelope's DOM is unreachable once this returns. */
    private Verified verify(byte[] envelope, RequestInfo request, Known known) {
        VerifiedMessage verified = verifier.verify(envelope, known.facts);
        tlsClients.check(verified.partnerId(), request.tlsClientChain());
        return new Verified(
                verified.partnerId(),
                verified.senderAuthorityId(),
                verified.signatureValue(),
                verified.expires(),
                verified.referenceElements(),
                codec.canonicalForm(verified.message()),
                verified.parts());
    }

    private Receipt receiptFor(String messageId, AcceptResult result, byte[] envelope) {
        if (result.outcome() == AcceptResult.Outcome.DUPLICATE) {
            return new Receipt(
                    messageId,
                    Receipt.Status.DUPLICATE,
                    clock.instant(),
                    result.duplicateLogSeq(),
                    result.receivedAt(),
                    result.receiptLogSeq(),
                    Sha256.of(envelope));
        }
        return new Receipt(
                messageId,
                Receipt.Status.ACCEPTED,
                result.receivedAt(),
                result.receiptLogSeq(),
                null,
                null,
                Sha256.of(envelope));
    }

    private ExchangeResponse reject(
            ErrorCode code, String detail, String correlationId, RequestInfo request, Known known) {
        return reject(code, code.reason(), detail, correlationId, request, known);
    }

    /**
     * Logs and records the rejection with what the envelope told us (signer subject, claimed sender,
     * message id: see {@link EnvelopeFacts}), and answers with the fault. The log line takes the
     * values as the {@link Rejection} cleaned them, since they come from the rejected party.
     */
    private ExchangeResponse reject(
            ErrorCode code, String reason, String detail, String correlationId, RequestInfo request, Known known) {
        EnvelopeFacts facts = known.facts;
        // The log entry joins a message's timeline only when its id comes from the partner that signed it.
        Rejection rejection = new Rejection(
                code.wireName(),
                correlationId,
                request.remoteAddress(),
                facts.certificateSubject(),
                facts.sender(),
                facts.senderBound() ? facts.messageId() : null);
        // The application log names the claimed id in any case, cleaned as the Rejection cleans it.
        String claimedId =
                new Rejection(code.wireName(), correlationId, null, null, null, facts.messageId()).messageId();
        LOG.info(
                "rejected {} (correlation {}, remote {}, certificate {}, sender {}, message {}): {}",
                code.wireName(),
                correlationId,
                rejection.remoteAddress(),
                rejection.certificateSubject(),
                rejection.sender(),
                claimedId,
                detail);
        try {
            store.recordRejection(rejection);
        } catch (RuntimeException e) {
            LOG.error("could not log the rejection (correlation {}): {}", correlationId, e.getMessage());
        }
        events.received("REJECTED", code.wireName(), Duration.ofNanos(System.nanoTime() - known.started));
        return ExchangeResponse.fault(code, reason, correlationId);
    }
}
