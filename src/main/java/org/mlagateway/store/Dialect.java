package org.mlagateway.store;

import java.nio.file.Path;
import java.sql.SQLException;
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
     * H2 settings: PostgreSQL compatibility; {@code WRITE_DELAY=0}, so that a commit writes the
     * store before it returns and a killed process keeps it (H2 does not force the file to disk:
     * surviving a power failure is PostgreSQL's job); a lock timeout long enough for a busy log
     * head; closing only when the pool closes.
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE";

    /** The settings a session of an already open database names (a command joining a running gateway). */
    static final String H2_SESSION_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /** The URL without what may be a secret: user info, and every parameter (a password may be one). */
    static String redacted(String jdbcUrl) {
        String url = jdbcUrl.replaceFirst("//[^/@]*@", "//");
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
        return cut < 0 ? url : url.substring(0, cut);
    }

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
     * Whether write transactions must run one at a time in this process. On H2 they must. Its
     * commit only tries to write the store, and returns without writing when another thread is
     * writing; the crash test found that a process killed while several write transactions were
     * open could come back having lost an acknowledged commit, or having kept a later log entry
     * without the earlier one it links to, or with a transaction half applied. With one write
     * transaction at a time (and {@code WRITE_DELAY=0}, which stops H2's background writer) each
     * commit writes the store itself. H2 is single-node (one process locks its file), so an
     * in-process lock is enough; reads still run concurrently. ({@code CHECKPOINT} after each
     * commit was tried instead and corrupted the file under memory pressure.)
     */
    boolean serialisesWrites() {
        return this == H2;
    }

    /**
     * The column type of large values (envelopes, message XML, document content), the migrations'
     * {@code large_binary} placeholder. H2 keeps a {@code BYTEA} (VARBINARY) value inside its row,
     * and serialising and re-reading a row page holding a 25 MB envelope took about 1.5 GB of heap;
     * a BLOB is written in blocks beside the row (spelt out: in PostgreSQL mode H2 reads
     * {@code BLOB} as {@code BYTEA}). PostgreSQL's {@code BYTEA} is already kept out of row (TOAST),
     * and it has no BLOB type.
     */
    String largeBinaryType() {
        return this == H2 ? "BINARY LARGE OBJECT" : "BYTEA";
    }

    /**
     * A statement for each new connection, or null. PostgreSQL: compress out-of-row values (TOAST)
     * with LZ4 instead of pglz where the server can (PostgreSQL 14 and later built with LZ4;
     * elsewhere the server's default stays, silently). The large values are mostly ciphertext,
     * Base64 and already compressed documents: pglz took a fifth of the database's CPU under the
     * exchange benchmark, mostly trying to compress them in vain, and LZ4 tries far faster. Reading
     * is unaffected (each value records its own method), and so is durability.
     */
    String connectionInitSql() {
        return this == H2
                ? null
                : "DO $$BEGIN SET default_toast_compression = 'lz4'; EXCEPTION WHEN OTHERS THEN NULL; END$$";
    }

    String driverClassName() {
        return this == H2 ? "org.h2.Driver" : "org.postgresql.Driver";
    }
}
