package org.mlagateway.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends entries to the chain inside the caller's transaction. It locks the single
 * {@code log_head} row ({@code SELECT ... FOR UPDATE}), so appends from every connection and every
 * gateway node sharing the database are serialised: each gets seq = head + 1 and prev_hash = the
 * head's hash, and the head moves on. The lock is held until the caller commits or rolls back; a
 * rolled-back transaction leaves no entry and no gap. Every entry is written in log encoding v2
 * ({@link LogEncoding}) with a fresh random salt.
 */
final class LogAppender {
    private static final String LOCK_HEAD = "SELECT seq, hash FROM log_head WHERE id = 1 FOR UPDATE";
    private static final String INSERT = "INSERT INTO message_log (seq, at_micros, event, message_id,"
            + " conversation_id, actor, details, salt, prev_hash, hash, message_pk)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final SecureRandom SALTS = new SecureRandom();
    private static final String MOVE_HEAD = "UPDATE log_head SET seq = ?, hash = ? WHERE id = 1";

    private LogAppender() {}

    /**
     * {@code subjects} holds, per event, the pk of the stored message it is about, or null. It is a
     * lookup key for timelines beside the hashed fields, not one of them (docs/message-log.md).
     */
    static List<LogEntry> append(Connection c, Instant now, List<LogEvent> events, List<Long> subjects)
            throws SQLException {
        long seq;
        String prev;
        try (PreparedStatement lock = c.prepareStatement(LOCK_HEAD);
                ResultSet head = lock.executeQuery()) {
            if (!head.next()) {
                throw new SQLException("log_head row is missing", "55000");
            }
            seq = head.getLong(1);
            prev = head.getString(2);
        }
        long at = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        List<LogEntry> entries = new ArrayList<>(events.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < events.size(); i++) {
                LogEvent e = events.get(i);
                seq++;
                String salt = LogEncoding.newSalt(SALTS);
                String hash = LogEncoding.V2.hash(
                        seq, at, e.event(), e.messageId(), e.conversationId(), e.actor(), e.details(), salt, prev);
                LogEntry entry = new LogEntry(
                        seq,
                        at,
                        e.event(),
                        e.messageId(),
                        e.conversationId(),
                        e.actor(),
                        e.details(),
                        salt,
                        prev,
                        hash);
                bind(insert, entry);
                Long subject = subjects.get(i);
                if (subject == null) {
                    insert.setNull(11, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(11, subject);
                }
                insert.addBatch();
                entries.add(entry);
                prev = hash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement move = c.prepareStatement(MOVE_HEAD)) {
            move.setLong(1, seq);
            move.setString(2, prev);
            move.executeUpdate();
        }
        return entries;
    }

    private static void bind(PreparedStatement insert, LogEntry e) throws SQLException {
        insert.setLong(1, e.seq());
        insert.setLong(2, e.atMicros());
        insert.setString(3, e.event());
        insert.setString(4, e.messageId());
        insert.setString(5, e.conversationId());
        insert.setString(6, e.actor());
        insert.setString(7, e.details());
        insert.setString(8, e.salt());
        insert.setString(9, e.prevHash());
        insert.setString(10, e.hash());
    }
}
