package org.mlagateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint worker's reads and writes of {@code log_checkpoints}, each its own short transaction
 * outside any business transaction. Writes take the database's write lock (H2 serialises them).
 */
final class CheckpointRows {
    private static final String COLUMNS =
            "seq, entry_hash, at_micros, signature_alg, signature, signer_chain," + " timestamp_token";
    private static final String INSERT = "INSERT INTO log_checkpoints (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String STAMP =
            "UPDATE log_checkpoints SET timestamp_token = ? WHERE seq = ?" + " AND timestamp_token IS NULL";
    private static final String UNSTAMPED =
            "SELECT " + COLUMNS + " FROM log_checkpoints" + " WHERE timestamp_token IS NULL ORDER BY seq LIMIT ?";
    private static final String NEWEST = "SELECT " + COLUMNS + " FROM log_checkpoints ORDER BY seq DESC LIMIT 1";
    private static final String UNSTAMPED_STATS =
            "SELECT COUNT(*), MIN(at_micros) FROM log_checkpoints" + " WHERE timestamp_token IS NULL";
    private static final String NEWEST_STAMPED =
            "SELECT MAX(at_micros) FROM log_checkpoints" + " WHERE timestamp_token IS NOT NULL";

    /** The unstamped backlog and the newest stamp; times in epoch microseconds, null when there is none. */
    record Stats(long unstamped, Long oldestUnstampedMicros, Long newestStampedMicros) {}

    private final Database database;

    CheckpointRows(Database database) {
        this.database = database;
    }

    /** Stores a signed checkpoint; false when one with this seq exists already (another node wrote it). */
    boolean insert(Checkpoint cp) {
        return write("write checkpoint at seq " + cp.seq(), c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setLong(1, cp.seq());
                ps.setString(2, cp.entryHash());
                ps.setLong(3, cp.atMicros());
                ps.setString(4, cp.signatureAlgorithm());
                ps.setBytes(5, cp.signature());
                ps.setBytes(6, cp.signerChain());
                ps.setBytes(7, cp.timestampToken());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Takes or renews the lease on the one-node job {@code name} for {@code holder} until {@code untilMicros},
     * if nobody else holds it beyond {@code nowMicros}; true when {@code holder} holds it now. One statement.
     */
    boolean holdLease(String name, String holder, long nowMicros, long untilMicros) {
        return write("hold the " + name + " lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE node_leases SET holder = ?, lease_until = ?"
                    + " WHERE name = ? AND (holder = ? OR lease_until <= ?)")) {
                ps.setString(1, holder);
                ps.setLong(2, untilMicros);
                ps.setString(3, name);
                ps.setString(4, holder);
                ps.setLong(5, nowMicros);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives the lease up at once, if {@code holder} holds it (a node closing in order). */
    void dropLease(String name, String holder) {
        write("drop the " + name + " lease", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE node_leases SET lease_until = 0 WHERE name = ? AND holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Adds a time-stamp token to a checkpoint that has none; false when it has one already. */
    boolean stamp(long seq, byte[] token) {
        return write("time-stamp checkpoint at seq " + seq, c -> {
            try (PreparedStatement ps = c.prepareStatement(STAMP)) {
                ps.setBytes(1, token);
                ps.setLong(2, seq);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The oldest checkpoints still without a time-stamp, in seq order. */
    List<Checkpoint> unstamped(int limit) {
        return read("read unstamped checkpoints", c -> {
            try (PreparedStatement ps = c.prepareStatement(UNSTAMPED)) {
                ps.setInt(1, limit);
                return list(ps);
            }
        });
    }

    Optional<Checkpoint> newest() {
        return read("read the newest checkpoint", c -> {
            try (PreparedStatement ps = c.prepareStatement(NEWEST)) {
                return list(ps).stream().findFirst();
            }
        });
    }

    LogRows.Head head() {
        return read("read log head", LogRows::head);
    }

    Stats stats() {
        return read("read checkpoint stamping status", c -> {
            long count;
            Long oldest;
            Long newest;
            try (PreparedStatement ps = c.prepareStatement(UNSTAMPED_STATS);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
                oldest = nullable(rs, 2);
            }
            try (PreparedStatement ps = c.prepareStatement(NEWEST_STAMPED);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                newest = nullable(rs, 1);
            }
            return new Stats(count, oldest, newest);
        });
    }

    static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getBytes(5),
                rs.getBytes(6),
                rs.getBytes(7));
    }

    private static List<Checkpoint> list(PreparedStatement ps) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(checkpoint(rs));
            }
        }
        return out;
    }

    private static Long nullable(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String operation, Work<T> work) {
        try (Connection c = database.connection(operation)) {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            throw new StoreException(operation + " failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private boolean write(String operation, Work<Boolean> work) {
        database.writeLock().lock();
        try (Connection c = database.connection(operation)) {
            try {
                boolean done = work.run(c);
                c.commit();
                return done;
            } catch (SQLException e) {
                c.rollback();
                if (Dialect.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(operation + " failed (SQLState " + e.getSQLState() + ")", e);
        } finally {
            database.writeLock().unlock();
        }
    }
}
