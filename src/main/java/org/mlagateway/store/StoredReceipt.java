package org.mlagateway.store;

import java.time.Instant;

/**
 * A receipt kept with a message: {@code ISSUED} by this gateway for an incoming message, or
 * {@code RECEIVED} from the partner for an outgoing one; {@code xml} is the signed response
 * envelope exactly as sent or received. {@code logSeq} is the log entry it names (may be null).
 */
public record StoredReceipt(long pk, String direction, byte[] xml, String status, Long logSeq, Instant createdAt) {
    public static final String ISSUED = "ISSUED";
    public static final String RECEIVED = "RECEIVED";
}
