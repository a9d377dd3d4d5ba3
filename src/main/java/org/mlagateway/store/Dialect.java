package org.mlagateway.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.mlagateway.config.StorageConfig;

/**
 * Everything that differs between the two databases, in one place. The schema and every
 * statement are the same SQL on both: H2 2.5 in {@code MODE=PostgreSQL} accepts {@code BYTEA},
 * identity columns and {@code FOR UPDATE SKIP LOCKED} (checked by the store's tests), so what is
 * left is how to reach the database.
 */
enum Dialect {
    H2,
    POSTGRESQL;

    /** The embedded database's file name inside {@code dataDir}. */
    static final String H2_FILE = "gateway";

    /**
     * H2 settings: PostgreSQL compatibility; {@code WRITE_DELAY=0} so that a commit is written to
     * the file before it returns (survives a killed process; only PostgreSQL is meant to survive a
     * power failure); a lock timeout long enough for a busy log head; closing only when the pool
     * closes.
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE";

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

    String driverClassName() {
        return this == H2 ? "org.h2.Driver" : "org.postgresql.Driver";
    }
}
