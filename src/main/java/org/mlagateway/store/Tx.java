package org.mlagateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One open transaction: its connection, its time, and the log events waiting to be chained. */
final class Tx {
    final Connection connection;
    final Instant now;
    /** How this transaction writes and reads the large values (encrypted at rest, or not). */
    final Sealing sealing;

    private final List<LogEvent> pending = new ArrayList<>();
    private final List<Long> pendingSubjects = new ArrayList<>();
    private final List<LogEntry> appended = new ArrayList<>();

    Tx(Connection connection, Instant now, Sealing sealing) {
        this.connection = connection;
        this.now = now;
        this.sealing = sealing;
    }

    /** An event about no stored message in particular (a rejection, a login). */
    void log(LogEvent event) {
        pending.add(event);
        pendingSubjects.add(null);
    }

    /**
     * An event about the stored message {@code messagePk}: its timeline is found by that key, so
     * that two messages sharing a message id (ours and a partner's) never share a timeline.
     */
    void log(LogEvent event, long messagePk) {
        pending.add(event);
        pendingSubjects.add(messagePk);
    }

    /**
     * Appends the pending events to the chain now, locking {@code log_head} until commit; call it
     * as the last step of the work. Returns the entries appended by this call, in order.
     */
    List<LogEntry> appendLog() throws SQLException {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<LogEntry> entries = LogAppender.append(connection, now, pending, pendingSubjects);
        pending.clear();
        pendingSubjects.clear();
        appended.addAll(entries);
        return entries;
    }

    List<LogEntry> appended() {
        return List.copyOf(appended);
    }
}
