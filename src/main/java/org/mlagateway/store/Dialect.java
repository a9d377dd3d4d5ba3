package org.mlagateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.mlagateway.config.StorageConfig;

/**
 * Everything that differs between the two databases, in one place. The schema and every
 * statement are the same SQL on both: H2 2.5 in {@code MODE=PostgreSQL} accepts {@code BYTEA},
 * identity columns and {@code FOR UPDATE SKIP LOCKED} (checked by the store's tests; with a sort
 * H2 applies LIMIT before skipping locked rows, which is harmless because H2 writes are serialised
 * here). What is left: how to reach the database and how to make an H2 commit durable.
 */
enum Dialect {
    H2,
    POSTGRESQL;

    /** The embedded database's file name inside {@code dataDir}. */
    static final String H2_FILE = "gateway";

    /**
     * H2 settings: PostgreSQL compatibility, a lock timeout long enough for a busy log head, and
     * closing only when the pool closes. Durability comes from {@link #afterCommit}.
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE";

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL scheme (jdbc:h2: or jdbc:postgresql: expected)");
    }

    /** The configured URL, or embedded H2 in the data directory when none is configured. */
    static String jdbcUrl(StorageConfig config) {
        if (config.jdbcUrl() != null) {
            return config.jdbcUrl();
        }
        Path file = config.dataDir().toAbsolutePath().resolve(H2_FILE);
        return "jdbc:h2:file:" + file + H2_SETTINGS;
    }

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes a commit durable before the caller is told it happened. PostgreSQL does that itself
     * (synchronous_commit). H2 does not: its commit only tries to write the store and returns
     * without writing when another thread is writing, so a killed process can lose an acknowledged
     * commit, or keep a later one without the earlier one it depends on (the crash test showed
     * both). {@code CHECKPOINT SYNC} waits for the store to be written and forced to disk.
     */
    void afterCommit(Connection connection) throws SQLException {
        if (this == H2) {
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    /**
     * Whether write transactions must run one at a time in this process. On H2 they must: the
     * crash test found that a process killed while several write transactions were open could come
     * back with a transaction half applied (a message without its queue item) or with a later log
     * entry kept and the earlier one it links to lost. With one write transaction open at a time,
     * each finished by {@link #afterCommit}, a kill can lose only the transaction that had not yet
     * returned. H2 is single-node (its file is locked by one process), so an in-process lock is
     * enough; reads still run concurrently.
     */
    boolean serialisesWrites() {
        return this == H2;
    }

    String driverClassName() {
        return this == H2 ? "org.h2.Driver" : "org.postgresql.Driver";
    }
}
