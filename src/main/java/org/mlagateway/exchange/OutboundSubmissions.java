package org.mlagateway.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.Sha256;
import org.mlagateway.message.xml.Header;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.store.Direction;
import org.mlagateway.store.DocumentData;
import org.mlagateway.store.DocumentFiles;
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
        Accepted accepted = accept(messageXml, check);
        return store.submitOutgoing(
                accepted.outgoing(MessageParts.documents(accepted.message)),
                client,
                idempotencyKey,
                Sha256.of(messageXml));
    }

    /**
     * A submission whose documents came as parts ({@link SubmissionUpload}): the message is checked
     * as above, then each part is stored in one pass, decrypted from its spool file, hashed and
     * sealed into the document store, where its SHA-256 and size must be those its document
     * states, before the commit names the files. Every document with an {@code Attachment} needs
     * its part and every part its document ({@code InvalidRequest}). What a failed or replayed
     * submission wrote is an orphan the store's sweep removes.
     */
    public SubmitResult submit(SubmissionUpload upload, String client, String idempotencyKey, SubmissionCheck check) {
        byte[] messageXml = upload.messageXml();
        Accepted accepted = accept(messageXml, check);
        Map<String, DocumentFiles.Written> files = new HashMap<>();
        Set<String> unused = new HashSet<>(upload.contentIds());
        if (accepted.message.getDocuments() != null) {
            for (MessageDocument d : accepted.message.getDocuments().getDocument()) {
                if (d.getAttachment() == null) {
                    continue;
                }
                String contentId = d.getAttachment().getContentId();
                unused.remove(contentId);
                try (InputStream plain = upload.open(contentId)) {
                    if (plain == null) {
                        throw new GatewayException(
                                ErrorCode.INVALID_REQUEST,
                                "document " + d.getDocumentId() + " has no part " + contentId);
                    }
                    files.put(
                            d.getDocumentId(),
                            store.documentFiles()
                                    .write(
                                            Direction.OUT,
                                            accepted.recipient,
                                            accepted.header.getMessageId(),
                                            d.getDocumentId(),
                                            plain,
                                            d.getSize(),
                                            d.getSha256()));
                } catch (IOException e) {
                    throw new UncheckedIOException("store document " + d.getDocumentId(), e);
                }
            }
        }
        if (!unused.isEmpty()) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "parts that no document names: " + unused.size());
        }
        return store.submitOutgoing(
                accepted.outgoing(MessageParts.documents(accepted.message, files)),
                client,
                idempotencyKey,
                Sha256.of(messageXml));
    }

    /** A valid submission before its documents are stored: the message, its partner and its route. */
    private final class Accepted {
        final Message message;
        final Header header;
        final String recipient;

        Accepted(Message message, String recipient) {
            this.message = message;
            this.header = message.getHeader();
            this.recipient = recipient;
        }

        OutgoingMessage outgoing(List<DocumentData> documents) {
            MessageSummary summary = codec.summarize(message);
            byte[] canonical = codec.canonicalize(codec.toDocument(message).getDocumentElement());
            return new OutgoingMessage(
                    header.getMessageId(),
                    recipient,
                    summary.kind().value(),
                    summary.requestType().value(),
                    header.getConversationId(),
                    header.getInReplyTo(),
                    canonical,
                    documents,
                    router.route(message, summary, recipient),
                    SearchText.of(summary, recipient));
        }
    }

    private Accepted accept(byte[] messageXml, SubmissionCheck check) {
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
        return new Accepted(message, recipient);
    }
}
