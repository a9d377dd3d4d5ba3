package org.mlagateway.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mlagateway.config.As4Config;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.CanonicalMessage;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.Sha256;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.security.As4Mime;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4Profile;
import org.mlagateway.security.As4Signals;
import org.mlagateway.security.As4UserMessage;
import org.mlagateway.security.As4Verifier;
import org.mlagateway.security.EnvelopeFacts;
import org.mlagateway.security.PartnerTrust;
import org.mlagateway.security.TlsClientTrust;
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

/**
 * The inbound path of the AS4 binding (docs/as4.md#inbound), beside {@link InboundExchange} and sharing everything
 * behind it: the MIME package within the limits; the security steps of {@link As4Verifier}, with the profile of the
 * sender party's partner; the processing mode (our party, the partner's service, an action that stands for a message
 * kind); the party bound to the signing certificate's partner; mutual TLS where required; the compressed
 * {@code msg:Message}; schema and document digests; the document parts, stored by {@link As4Documents};
 * routing; the store's one-transaction accept with the replay guard; and only after that commit the
 * signed Receipt. A duplicate gets a receipt again and creates nothing. Every rejection is logged with its
 * code and correlation id and answered with an ebMS error.
 */
public final class As4Inbound {
    public static final String PATH = "/as4";
    /**
     * How long a signature value is remembered as a replay: AS4 messages carry no WS-Security
     * Timestamp, so a fixed window stands in for its expiry; past it a re-sent message is still a duplicate.
     */
    public static final Duration REPLAY_WINDOW = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(As4Inbound.class);
    private static final List<String> KINDS =
            Arrays.stream(MessageKind.values()).map(MessageKind::value).toList();

    private final String ownAuthorityId;
    private final Map<String, PartnerConfig> byParty = new HashMap<>();
    private final As4Verifier verifier;
    private final As4Signals signals;
    private final PartnerTrust trust;
    private final TlsClientTrust tlsClients;
    private final MessageCodec codec;
    private final InboxStore store;
    private final InboundExchange.InboundRouter router;
    private final long maxBytes;
    private final As4Documents documents;
    /** Payload parts a package may hold: the message's own, and one per document ({@code limits.maxDocuments}). */
    private final int maxParts;

    private final Clock clock;
    private final ExchangeEvents events;

    public As4Inbound(
            String ownAuthorityId,
            List<PartnerConfig> partners,
            As4Verifier verifier,
            As4Signals signals,
            PartnerTrust trust,
            TlsClientTrust tlsClients,
            MessageCodec codec,
            InboxStore store,
            InboundExchange.InboundRouter router,
            long maxBytes,
            long maxDocumentBytes,
            int maxDocuments,
            Clock clock,
            ExchangeEvents events) {
        this.ownAuthorityId = ownAuthorityId;
        for (PartnerConfig p : partners) {
            if (p.speaksAs4()) {
                byParty.put(p.as4().partyId(), p);
            }
        }
        this.verifier = verifier;
        this.signals = signals;
        this.trust = trust;
        this.tlsClients = tlsClients;
        this.codec = codec;
        this.store = store;
        this.router = router;
        this.maxBytes = maxBytes;
        this.documents = new As4Documents(store.documentFiles(), maxDocumentBytes);
        this.maxParts = maxDocuments + 1;
        this.clock = clock;
        this.events = events;
    }

    /** Whether any partner speaks AS4, so that the listener serves {@link #PATH}. */
    public boolean hasPartners() {
        return !byParty.isEmpty();
    }

    ExchangeResponse handle(byte[] body, String contentType, RequestInfo request) {
        String correlationId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        EnvelopeFacts facts = new EnvelopeFacts();
        String[] ebmsId = new String[1];
        try {
            return accept(body, contentType, request, facts, ebmsId, correlationId, started);
        } catch (GatewayException e) {
            return reject(e.code(), e.getMessage(), correlationId, request, facts, ebmsId[0], started);
        } catch (StoreException e) {
            LOG.error("store unavailable while receiving AS4 (correlation {}): {}", correlationId, e.getMessage());
            return reject(
                    ErrorCode.TEMPORARILY_UNAVAILABLE, "store", correlationId, request, facts, ebmsId[0], started);
        } catch (RuntimeException e) {
            LOG.error("internal error while receiving AS4 (correlation {})", correlationId, e);
            return reject(
                    ErrorCode.INTERNAL_ERROR,
                    e.getClass().getSimpleName(),
                    correlationId,
                    request,
                    facts,
                    ebmsId[0],
                    started);
        }
    }

    private ExchangeResponse accept(
            byte[] body,
            String contentType,
            RequestInfo request,
            EnvelopeFacts facts,
            String[] ebmsId,
            String correlationId,
            long started) {
        As4Mime mime = As4Mime.parse(body, contentType, maxParts, maxBytes);
        PartnerConfig[] partner = new PartnerConfig[1];
        As4Verifier.Verified verified = verifier.verify(
                mime,
                header -> {
                    ebmsId[0] = header.messageId();
                    partner[0] = processingMode(header);
                    return As4Profile.named(partner[0].as4().profile());
                },
                facts);
        if (!verified.trustedPartners().contains(partner[0].id())) {
            throw new GatewayException(
                    ErrorCode.SENDER_MISMATCH, "the signing certificate is not trusted for party " + facts.sender());
        }
        tlsClients.check(partner[0].id(), request.tlsClientChain());
        As4Payload.Opened opened = As4Payload.open(verified, trust, ownAuthorityId, maxBytes, verifier.xml(), facts);
        CanonicalMessage canonical = codec.canonicalForm(opened.message());
        Message message = codec.read(canonical);
        codec.verify(message, canonical);
        MessageSummary summary = codec.summarize(message);
        String kind = partner[0].as4().kindOf(verified.header().action(), KINDS);
        if (!summary.kind().value().equals(kind)) {
            throw new GatewayException(
                    ErrorCode.PROCESSING_MODE_MISMATCH, "the action does not match the message kind");
        }
        Routing routing = router.route(message, summary, partner[0].id());
        // Document parts are stored before the accept, which names their files in its transaction; a
        // re-sent message that was accepted already takes the files stored then (docs/as4.md#documents).
        String sender = opened.senderAuthorityId();
        String messageId = message.getHeader().getMessageId();
        Map<String, DocumentFiles.Written> files = (As4Documents.hasDocumentParts(message, verified)
                        ? store.filesOfAccepted(sender, messageId, Sha256.of(canonical.bytes()))
                        : Optional.of(Map.<String, DocumentFiles.Written>of()))
                .orElseGet(() -> documents.store(message, verified, sender, messageId));
        AcceptResult result = store.accept(
                IncomingMessage.received(
                        summary,
                        sender,
                        evidence(body, contentType),
                        canonical.bytes(),
                        MessageParts.documents(message, files),
                        routing),
                Sha256.of(verified.signatureValue()),
                clock.instant().plus(REPLAY_WINDOW));
        if (result.outcome() == AcceptResult.Outcome.CONFLICT) {
            throw new GatewayException(ErrorCode.DUPLICATE_ID_CONFLICT, "message id already used for other content");
        }
        As4Profile profile = As4Profile.named(partner[0].as4().profile());
        byte[] receipt = signals.receipt(verified.header().messageId(), verified.referenceElements(), profile);
        String status = result.outcome() == AcceptResult.Outcome.DUPLICATE ? "DUPLICATE" : "ACCEPTED";
        store.storeIssuedReceipt(result, receipt, status);
        LOG.info(
                "{} AS4 message {} ({}) from {} (correlation {})",
                status,
                summary.messageId(),
                verified.header().messageId(),
                opened.senderAuthorityId(),
                correlationId);
        events.received(status, null, Duration.ofNanos(System.nanoTime() - started));
        return ExchangeResponse.receipt(receipt);
    }

    /**
     * The processing mode the claimed header must match: a partner that speaks AS4 with this party id
     * and type, addressed to our party, under the partner's service, with an action that stands for a
     * message kind.
     */
    private PartnerConfig processingMode(As4UserMessage header) {
        PartnerConfig partner = byParty.get(header.from().id());
        if (partner == null) {
            throw new GatewayException(ErrorCode.PROCESSING_MODE_MISMATCH, "unknown sender party");
        }
        As4Config as4 = partner.as4();
        if (!as4.partyIdType().equals(header.from().type())) {
            throw new GatewayException(ErrorCode.PROCESSING_MODE_MISMATCH, "the sender's party id type differs");
        }
        if (!ownAuthorityId.equals(header.to().id())
                || !as4.partyIdType().equals(header.to().type())) {
            throw new GatewayException(ErrorCode.WRONG_RECIPIENT, "the message is addressed to another party");
        }
        if (!as4.service().equals(header.service()) || as4.kindOf(header.action(), KINDS) == null) {
            throw new GatewayException(ErrorCode.PROCESSING_MODE_MISMATCH, "unknown service or action");
        }
        return partner;
    }

    /** What we keep as the raw message: the package with the content type that makes it readable. */
    private static byte[] evidence(byte[] body, String contentType) {
        byte[] head = ("Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private ExchangeResponse reject(
            ErrorCode code,
            String detail,
            String correlationId,
            RequestInfo request,
            EnvelopeFacts facts,
            String ebmsId,
            long started) {
        Rejection rejection = new Rejection(
                code.wireName(),
                correlationId,
                request.remoteAddress(),
                facts.certificateSubject(),
                facts.sender(),
                facts.senderBound() ? facts.messageId() : null);
        LOG.info(
                "rejected AS4 {} (correlation {}, remote {}, certificate {}, sender {}): {}",
                code.wireName(),
                correlationId,
                rejection.remoteAddress(),
                rejection.certificateSubject(),
                rejection.sender(),
                detail);
        try {
            store.recordRejection(rejection);
        } catch (RuntimeException e) {
            LOG.error("could not log the rejection (correlation {}): {}", correlationId, e.getMessage());
        }
        events.received("REJECTED", code.wireName(), Duration.ofNanos(System.nanoTime() - started));
        String ref = ebmsId == null
                ? null
                : new Rejection(code.wireName(), correlationId, null, null, null, ebmsId).messageId();
        byte[] error = signals.error(As4Errors.of(code), code, ref, correlationId);
        return new ExchangeResponse(Faults.httpStatus(code), error, Faults.retryAfter(code));
    }
}
