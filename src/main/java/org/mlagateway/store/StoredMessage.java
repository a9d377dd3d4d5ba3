package org.mlagateway.store;

import java.time.Instant;

/**
 * A stored message. {@code envelope} is the raw envelope as received or as sent (null until an
 * outgoing message is first sent). {@code receivedAt} is null for outgoing messages.
 */
public record StoredMessage(
        long pk,
        String messageId,
        Direction direction,
        String partner,
        String kind,
        String requestType,
        String conversationId,
        String inReplyTo,
        MessageStatus status,
        Instant createdAt,
        Instant receivedAt,
        Instant updatedAt,
        byte[] envelope,
        byte[] messageXml,
        String contentSha256,
        Long receiptLogSeq) {}
