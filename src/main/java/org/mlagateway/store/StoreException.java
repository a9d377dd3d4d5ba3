package org.mlagateway.store;

/**
 * The store could not do what was asked: the database failed or is unreachable. The message names
 * the operation and the ids involved, never payload or personal data. Callers treat it as a
 * temporary failure of the gateway (for a partner: {@code TemporarilyUnavailable}).
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
