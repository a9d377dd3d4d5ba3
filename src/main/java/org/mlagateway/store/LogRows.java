package org.mlagateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads of the message log, its head and its checkpoints; pages are ordered by seq. */
final class LogRows {
    static final String COLUMNS =
            "seq, at_micros, event, message_id, conversation_id, actor, details, salt, prev_hash," + " hash";
    static final int COLUMN_COUNT = 10;
    private static final String PAGE =
            "SELECT " + COLUMNS + " FROM message_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?";
    private static final String CHECKPOINTS = "SELECT seq, entry_hash, at_micros, signature_alg, signature,"
            + " signer_chain, timestamp_token FROM log_checkpoints WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?";

    /** The chain's end as recorded in log_head. */
    record Head(long seq, String hash) {}

    private LogRows() {}

    static Head head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM log_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("log_head row is missing", "55000");
            }
            return new Head(rs.getLong(1), rs.getString(2));
        }
    }

    /** Entries with afterSeq &lt; seq &lt;= upToSeq, at most {@code limit}, in seq order. */
    static List<LogEntry> page(Connection c, long afterSeq, long upToSeq, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setLong(1, afterSeq);
            ps.setLong(2, upToSeq);
            ps.setInt(3, limit);
            ps.setFetchSize(limit);
            return entries(ps);
        }
    }

    static List<LogEntry> entries(PreparedStatement ps) throws SQLException {
        List<LogEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    /** The entry in the current row, read from the first {@value #COLUMN_COUNT} columns ({@link #COLUMNS}). */
    static LogEntry entry(ResultSet rs) throws SQLException {
        return new LogEntry(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10));
    }

    /** The first seq written in log encoding v2, as the store recorded it when it was upgraded. */
    static long v2FromSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v2_from_seq FROM log_encoding WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("log_encoding row is missing", "55000");
            }
            return rs.getLong(1);
        }
    }

    static Optional<LogEntry> at(Connection c, long seq) throws SQLException {
        List<LogEntry> one = page(c, seq - 1, seq, 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /** The seq of a row whose {@code column} (hash or prev_hash) equals {@code value}. */
    static OptionalLong seqWhere(Connection c, String column, String value) throws SQLException {
        if (!column.equals("hash") && !column.equals("prev_hash")) {
            throw new IllegalArgumentException(column);
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT seq FROM message_log WHERE " + column + " = ? LIMIT 1")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static long maxCheckpointSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM log_checkpoints");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Checkpoint> checkpoints(Connection c, long fromSeq, long upToSeq, int limit) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CHECKPOINTS)) {
            ps.setLong(1, fromSeq);
            ps.setLong(2, upToSeq);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Checkpoint(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getBytes(5),
                            rs.getBytes(6),
                            rs.getBytes(7)));
                }
            }
        }
        return out;
    }
}
