package org.mlagateway.store;

import java.sql.SQLException;

/** A transaction was rolled back because it hit a UNIQUE constraint (SQLState 23505). */
final class UniqueViolation extends StoreException {
    private static final long serialVersionUID = 1L;

    UniqueViolation(String operation, SQLException cause) {
        super(operation + ": unique constraint violated", cause);
    }
}
