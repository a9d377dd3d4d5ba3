package org.mlagateway.store;

import java.time.Instant;

/**
 * A receipt kept with its message: {@code ISSUED} by this gateway for an incoming message, or
 * {@code RECEIVED} from the partner for an outgoing one. {@code logSeq} is the log entry it proves.
 */
public record StoredReceipt(String direction, String status, Long logSeq, Instant createdAt, byte[] xml) {
    @Override
    public byte[] xml() {
        return xml.clone();
    }
}
