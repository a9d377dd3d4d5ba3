package org.mlagateway.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.Sha256;

/**
 * A message received from a partner, ready to be stored in one transaction with its queue item.
 * {@code sender} is the partner authority id from the verified header. {@code envelope} is the raw
 * envelope as received (evidence) and {@code messageXml} the decrypted message. {@code contentSha256}
 * is the digest that decides whether a redelivery is the same message (the exchange uses SHA-256 of
 * the decrypted message XML). Document ids must be distinct. The large arrays are taken over, not
 * copied (see {@code Check.large}); the accessors still return copies. {@code search} is what the
 * operator search matches (its subject and summary fields); without it the message is found by its
 * ids and codes only.
 */
public record IncomingMessage(
        String messageId,
        String sender,
        String kind,
        String requestType,
        String conversationId,
        String inReplyTo,
        byte[] envelope,
        byte[] messageXml,
        byte[] contentSha256,
        List<DocumentData> documents,
        Routing routing,
        SearchText search) {
    public IncomingMessage {
        Check.text("messageId", messageId, 64);
        Check.text("sender", sender, 64);
        Check.text("kind", kind, 64);
        Check.optionalText("requestType", requestType, 64);
        Check.optionalText("conversationId", conversationId, 64);
        Check.optionalText("inReplyTo", inReplyTo, 64);
        envelope = Check.large("envelope", envelope);
        messageXml = Check.large("messageXml", messageXml);
        contentSha256 = Check.sha256("contentSha256", contentSha256);
        documents = List.copyOf(documents);
        requireDistinctIds(documents);
        if (routing == null) {
            throw new IllegalArgumentException("routing is required");
        }
        if (search == null) {
            search = SearchText.ofIds(messageId, sender, kind, requestType, conversationId);
        }
    }

    /**
     * A message received from {@code sender}, the partner authority its signature is bound to, as
     * {@code summary} describes it: the ids, kind and request type are the summary's, the content
     * digest is SHA-256 of {@code messageXml}, and the operator search matches the summary's subject
     * and codes.
     */
    public static IncomingMessage received(
            MessageSummary summary,
            String sender,
            byte[] envelope,
            byte[] messageXml,
            List<DocumentData> documents,
            Routing routing) {
        return new IncomingMessage(
                summary.messageId().toString(),
                sender,
                summary.kind().value(),
                summary.requestType().value(),
                summary.conversationId().toString(),
                summary.inReplyTo() == null ? null : summary.inReplyTo().toString(),
                envelope,
                messageXml,
                Sha256.of(messageXml),
                documents,
                routing,
                SearchText.of(summary, sender));
    }

    static void requireDistinctIds(List<DocumentData> documents) {
        Set<String> seen = new HashSet<>();
        for (DocumentData d : documents) {
            if (!seen.add(d.documentId())) {
                throw new IllegalArgumentException("document ids must be distinct within a message");
            }
        }
    }

    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    @Override
    public byte[] messageXml() {
        return messageXml.clone();
    }

    /** The envelope itself, for the store's statements, which only read it. */
    byte[] envelopeShared() {
        return envelope;
    }

    /** The message XML itself, for the store's statements, which only read it. */
    byte[] messageXmlShared() {
        return messageXml;
    }

    @Override
    public byte[] contentSha256() {
        return contentSha256.clone();
    }
}
