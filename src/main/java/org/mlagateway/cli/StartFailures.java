package org.mlagateway.cli;

import org.mlagateway.Gateway;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;

/** A failure to start in one line: what an operator must fix, not a stack trace. */
final class StartFailures {
    private StartFailures() {}

    static String describe(Exception e) {
        if (e instanceof Gateway.StartFailure || e instanceof StoreException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return e.getMessage() != null && root != e
                ? e.getMessage() + " (" + root.getClass().getSimpleName() + message + ")"
                : root.getClass().getSimpleName() + message;
    }

    static String redacted(String jdbcUrl) {
        return Store.redacted(jdbcUrl);
    }
}
