package org.mlagateway.store;

/**
 * The store as the outbound side sees it: committing a submission, recording each delivery attempt
 * and its end, and an operator's requeue of a failed message. {@link Store} implements it.
 */
public interface OutboxStore {
    /** Commits a submission to the outbox; safe to repeat with the same client and key. */
    SubmitResult submitOutgoing(OutgoingMessage out, String client, String idempotencyKey, byte[] requestDigest);

    /** Where documents that come as parts are written before the submission that names them commits. */
    DocumentFiles documentFiles();

    /** A failed attempt that will be retried: logged as {@code attempt-failed}. */
    void recordAttempt(long messagePk, DeliveryAttempt attempt);

    /**
     * Records the attempt that delivered the message and the partner's receipt; returns the seq of
     * the {@code receipt-received} entry.
     */
    long markDelivered(long messagePk, DeliveryAttempt attempt, byte[] receiptXml, String receiptStatus);

    /** Given up: logged as {@code failed}. */
    void markFailed(long messagePk, DeliveryAttempt attempt);

    /** Keeps the signed, encrypted envelope exactly as it was sent (evidence). */
    void storeSentEnvelope(long messagePk, byte[] envelope);

    /**
     * Puts a FAILED outgoing message back on the {@link Queue#SEND} queue for its partner and logs
     * {@code requeued} with the operator as actor; {@code INVALID_REQUEST} if it is not a FAILED
     * outgoing message.
     */
    QueueItem requeueFailed(long messagePk, String operatorName);
}
