package org.mlagateway.store;

import java.util.List;

/**
 * A message a domestic system submits for a partner. {@code recipient} is the partner authority
 * id. {@code routing} names the queue: {@code send}, or {@code translation-outbound} when the
 * partner needs a language the documents lack. {@code search}: see {@link IncomingMessage}.
 */
public record OutgoingMessage(
        String messageId,
        String recipient,
        String kind,
        String requestType,
        String conversationId,
        String inReplyTo,
        byte[] messageXml,
        List<DocumentData> documents,
        Routing routing,
        SearchText search) {
    public OutgoingMessage {
        Check.text("messageId", messageId, 64);
        Check.text("recipient", recipient, 64);
        Check.text("kind", kind, 64);
        Check.optionalText("requestType", requestType, 64);
        Check.optionalText("conversationId", conversationId, 64);
        Check.optionalText("inReplyTo", inReplyTo, 64);
        messageXml = Check.large("messageXml", messageXml);
        documents = List.copyOf(documents);
        IncomingMessage.requireDistinctIds(documents);
        if (routing == null) {
            throw new IllegalArgumentException("routing is required");
        }
        if (search == null) {
            search = SearchText.ofIds(messageId, recipient, kind, requestType, conversationId);
        }
    }

    public OutgoingMessage(
            String messageId,
            String recipient,
            String kind,
            String requestType,
            String conversationId,
            String inReplyTo,
            byte[] messageXml,
            List<DocumentData> documents,
            Routing routing) {
        this(messageId, recipient, kind, requestType, conversationId, inReplyTo, messageXml, documents, routing, null);
    }

    @Override
    public byte[] messageXml() {
        return messageXml.clone();
    }

    /** The message XML itself, for the store's statements, which only read it. */
    byte[] messageXmlShared() {
        return messageXml;
    }
}
