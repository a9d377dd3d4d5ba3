package org.mlagateway.store;

import java.util.Objects;

/**
 * Where a stored message stands (docs/domain.md#queues). A received message is {@link #RECEIVED}
 * for good; an outgoing one is {@link #QUEUED} until its first failed attempt makes it
 * {@link #RETRYING}, and ends {@link #DELIVERED} or, given up, {@link #FAILED} (an operator may
 * queue a FAILED one again). The name is the value of {@code messages.status}, of the API's
 * {@code status} fields and of the log search's status filter, which also knows
 * {@link LogQuery#REJECTED} for rejected attempts.
 */
public enum MessageStatus {
    RECEIVED,
    QUEUED,
    RETRYING,
    DELIVERED,
    FAILED;

    /** The value stored in {@code messages.status}. */
    public String dbName() {
        return name();
    }

    /** Whether the sender is done with the message: nothing more happens to it unless an operator acts. */
    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }

    /**
     * The status a stored row holds.
     *
     * @throws StoreException when the database holds a status this gateway does not know
     */
    static MessageStatus fromDb(String value) {
        Objects.requireNonNull(value, "status");
        for (MessageStatus s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        throw new StoreException("unknown message status in the database: " + value);
    }
}
