package org.mlagateway.store;

import java.util.List;
import java.util.Optional;

/**
 * Reads of stored messages and what belongs to each: documents, receipts, delivery attempts, queue
 * items, the submitting client. {@link Store} implements it.
 */
public interface MessageReads {
    Optional<StoredMessage> message(Direction direction, String partner, String messageId);

    Optional<StoredMessage> message(long pk);

    /** Every stored message with this id (normally one; an id is unique per direction and partner). */
    List<StoredMessage> messagesById(String messageId);

    /** The messages of a conversation, in the order they were stored. */
    List<StoredMessage> conversation(String conversationId);

    List<StoredDocument> documents(long messagePk);

    /**
     * The content of one document of a message as a stream, from {@code offset} for {@code length}
     * bytes (to the end when negative), wherever it is kept; verified as it is read. Fails with
     * {@code NotFound} when the message has no such document.
     */
    java.io.InputStream openDocument(long messagePk, String documentId, long offset, long length);

    /** The receipts kept for a message ({@code ISSUED} by us, {@code RECEIVED} from the partner), oldest first. */
    List<StoredReceipt> receipts(long messagePk);

    /** The delivery attempts of an outgoing message, in order. */
    List<DeliveryAttempt> attempts(long messagePk);

    /** The API client that submitted an outgoing message, if it came through the API. */
    Optional<String> submitter(long messagePk);

    /** The queue items of one message, oldest first. */
    List<QueueItem> queueItemsOf(long messagePk);
}
