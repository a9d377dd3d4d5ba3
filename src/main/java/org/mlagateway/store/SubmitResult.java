package org.mlagateway.store;

/**
 * The outbox entry for a submission. {@code replayed} is true when the same client resubmitted the
 * same idempotency key with the same request: the first submission's result is returned.
 */
public record SubmitResult(long messagePk, String messageId, long logSeq, boolean replayed) {}
