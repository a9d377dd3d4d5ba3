package org.mlagateway.exchange;

import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.Sha256;
import org.mlagateway.message.xml.Header;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.MessageParts;
import org.mlagateway.store.OutboxStore;
import org.mlagateway.store.OutgoingMessage;
import org.mlagateway.store.Routing;
import org.mlagateway.store.SearchText;
import org.mlagateway.store.SubmitResult;

/**
 * Accepts an outgoing message from a domestic system into the outbox: it must be schema-valid,
 * pass the cross-field rules and document digests, come from our own authority and go to a
 * configured partner. The router decides its queue: {@code send}, or {@code translation-outbound}
 * when the partner needs a language its documents lack. The commit (message, log entry, send-queue item) is one
 * transaction, and an
 * idempotency key makes a resubmission return the first result.
 */
public final class OutboundSubmissions {
    /** Decides the outbox queue of a submission (the routing package implements it). */
    @FunctionalInterface
    public interface OutboundRouter {
        Routing route(Message message, MessageSummary summary, String partnerId);
    }

    private final MessageCodec codec;
    private final OutboxStore store;
    private final String ownAuthorityId;
    private final PartnerDirectory partners;
    private final OutboundRouter router;

    /** {@code partners} knows which partner each recipient authority id belongs to. */
    public OutboundSubmissions(
            MessageCodec codec,
            OutboxStore store,
            String ownAuthorityId,
            PartnerDirectory partners,
            OutboundRouter router) {
        this.router = router;
        this.codec = codec;
        this.store = store;
        this.ownAuthorityId = ownAuthorityId;
        this.partners = partners;
    }

    /**
     * Checks a valid submission before it is stored, and throws to refuse it (e.g. a reply the client may not make).
     */
    @FunctionalInterface
    public interface SubmissionCheck {
        void check(Header header, String partnerId);
    }

    public SubmitResult submit(byte[] messageXml, String client, String idempotencyKey) {
        return submit(messageXml, client, idempotencyKey, (header, partner) -> {});
    }

    /** As {@link #submit(byte[], String, String)}, with {@code check} run on the valid message before the commit. */
    public SubmitResult submit(byte[] messageXml, String client, String idempotencyKey, SubmissionCheck check) {
        Message message = codec.read(messageXml);
        codec.verify(message);
        Header header = message.getHeader();
        if (!ownAuthorityId.equals(header.getSender().getAuthorityId())) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "the sender must be " + ownAuthorityId);
        }
        String recipient = partners.partnerOfAuthority(header.getRecipient().getAuthorityId())
                .orElseThrow(() -> new GatewayException(
                        ErrorCode.UNKNOWN_PARTNER,
                        "no partner is configured for " + header.getRecipient().getAuthorityId()));
        check.check(header, recipient);
        MessageSummary summary = codec.summarize(message);
        byte[] canonical = codec.canonicalize(codec.toDocument(message).getDocumentElement());
        OutgoingMessage out = new OutgoingMessage(
                header.getMessageId(),
                recipient,
                summary.kind().value(),
                summary.requestType().value(),
                header.getConversationId(),
                header.getInReplyTo(),
                canonical,
                MessageParts.documents(message),
                router.route(message, summary, recipient),
                SearchText.of(summary, recipient));
        return store.submitOutgoing(out, client, idempotencyKey, Sha256.of(messageXml));
    }
}
