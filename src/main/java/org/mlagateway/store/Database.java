package org.mlagateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.config.StorageConfig;

/** The connection pool, with the schema migrated to the newest version before first use. */
final class Database implements AutoCloseable {
    /** How long a caller waits for a pooled connection. */
    static final long CONNECTION_WAIT_MILLIS = 5_000;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final Lock writeLock;
    /** The embedded database's directory, or null for a server database. */
    private final Path dataDir;
    /** Where this gateway serves its embedded store to operator commands, or null. */
    private final EmbeddedServer server;

    private Database(HikariDataSource pool, Dialect dialect, Path dataDir, EmbeddedServer server) {
        this.pool = pool;
        this.dialect = dialect;
        this.dataDir = dataDir;
        this.server = server;
        this.writeLock = dialect.serialisesWrites() ? new ReentrantLock(true) : NO_LOCK;
    }

    /** Held around every write transaction: see {@link Dialect#serialisesWrites()}. */
    Lock writeLock() {
        return writeLock;
    }

    static Database open(StorageConfig config, Store.Access access) {
        String url = Dialect.jdbcUrl(config);
        Dialect dialect = Dialect.of(url);
        Path dataDir = config.jdbcUrl() == null ? config.dataDir() : null;
        String where = dataDir != null ? "the embedded store in " + dataDir.toAbsolutePath() : Dialect.redacted(url);
        if (dataDir != null && access == Store.Access.JOIN) {
            url = joinUrl(dataDir, url);
        } else if (dataDir != null) {
            createDataDirectory(dataDir);
            // Before H2 makes its files: a directory made before the 0700 rule is closed to others first.
            tighten(dataDir);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("mla-store");
        hikari.setJdbcUrl(url);
        hikari.setDriverClassName(dialect.driverClassName());
        hikari.setUsername(config.username());
        if (config.password() != null) {
            hikari.setPassword(new String(config.password().reveal()));
        }
        hikari.setMaximumPoolSize(config.poolSize());
        // While the database is away (a restart, a failover), a caller waits this long for a connection
        // before its work fails: a delivery is then answered TemporarilyUnavailable well within the
        // partner's patience, instead of timing out at the partner. The pool reconnects by itself.
        hikari.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        hikari.setAutoCommit(false);
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.setConnectionInitSql(dialect.connectionInitSql());
        if (config.schema() != null) {
            hikari.setSchema(config.schema());
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException(cannotOpen(where, e), e);
        }
        var configuration = Flyway.configure().dataSource(pool);
        if (config.schema() != null) {
            // The history table too lives in the deployment's schema, which Flyway creates if missing.
            configuration = configuration.schemas(config.schema()).defaultSchema(config.schema());
        }
        Flyway flyway = configuration
                .locations("classpath:db/migration")
                .placeholders(Map.of("large_binary", dialect.largeBinaryType()))
                .load();
        try {
            if (access == Store.Access.JOIN) {
                requireMigrated(flyway, where);
            } else {
                flyway.migrate();
            }
        } catch (StoreException e) {
            pool.close();
            throw e;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the " + dialect + " database schema", e);
        }
        EmbeddedServer server = null;
        try {
            tighten(dataDir);
            if (dataDir != null && access == Store.Access.SERVE) {
                server = EmbeddedServer.start(dataDir);
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, dataDir, server);
    }

    /**
     * An operator command's URL of the embedded store: the running gateway's loopback server when one
     * serves it, otherwise the file itself, which must exist (a command never creates a store).
     */
    private static String joinUrl(Path dataDir, String fileUrl) {
        Path file = dataDir.toAbsolutePath().resolve(Dialect.H2_FILE + ".mv.db");
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no store in " + dataDir.toAbsolutePath() + ": " + file.getFileName()
                    + " not found (the gateway creates it when it first runs; --data-dir names another)");
        }
        EmbeddedServer.Endpoint endpoint = EmbeddedServer.find(dataDir);
        return endpoint != null ? endpoint.jdbcUrl() + Dialect.H2_SESSION_SETTINGS : fileUrl + ";IFEXISTS=TRUE";
    }

    /** A command reads the schema the gateway made: it neither creates one nor migrates an old one. */
    private static void requireMigrated(Flyway flyway, String where) {
        MigrationInfoService info = flyway.info();
        if (info.current() == null) {
            throw new StoreException(where + " holds no gateway schema (start the gateway on it once)");
        }
        if (info.pending().length > 0) {
            throw new StoreException(where + " has schema version "
                    + info.current().getVersion()
                    + "; this version of the gateway needs " + info.pending()[info.pending().length - 1].getVersion()
                    + ": start the gateway once to migrate it");
        }
    }

    /**
     * Whether the configured database answers: one connection with the configured credentials and a
     * {@code SELECT 1}, within a few seconds; nothing is created or changed. An embedded store is not
     * opened (a running gateway holds it): only whether it exists yet is said. Empty when all is well.
     */
    static java.util.Optional<String> probe(StorageConfig config) {
        if (config.jdbcUrl() == null) {
            Path file = config.dataDir().toAbsolutePath().resolve(Dialect.H2_FILE + ".mv.db");
            return Files.isRegularFile(file)
                    ? java.util.Optional.empty()
                    : java.util.Optional.of("no store in " + config.dataDir().toAbsolutePath()
                            + " yet: the gateway creates it when it first runs");
        }
        String where = Dialect.redacted(config.jdbcUrl());
        java.util.Properties login = new java.util.Properties();
        if (config.username() != null) {
            login.setProperty("user", config.username());
        }
        if (config.password() != null) {
            login.setProperty("password", new String(config.password().reveal()));
        }
        login.setProperty("connectTimeout", "5");
        login.setProperty("loginTimeout", "5");
        // An H2 URL is only opened if its database exists: the check creates nothing.
        String url = config.jdbcUrl().startsWith("jdbc:h2:") ? config.jdbcUrl() + ";IFEXISTS=TRUE" : config.jdbcUrl();
        try (Connection c = java.sql.DriverManager.getConnection(url, login);
                java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return java.util.Optional.empty();
        } catch (SQLException e) {
            return java.util.Optional.of(cannotOpen(where, new StoreException(where, e)));
        }
    }

    /** One line naming why the database did not open, without its credentials. */
    private static String cannotOpen(String where, RuntimeException e) {
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
                break;
            }
        }
        if (sql != null && sql.getErrorCode() == 90020) {
            return where + " is locked by another process (a running gateway, or an operator command that"
                    + " opened it while no gateway ran)";
        }
        if (sql != null && sql.getErrorCode() == 90146) {
            return "no store in " + where;
        }
        String state = sql == null ? "" : " (SQLState " + sql.getSQLState() + ")";
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return "cannot reach the database " + where + state;
        }
        if (sql != null && "28P01".equals(sql.getSQLState()) || sql != null && "28000".equals(sql.getSQLState())) {
            return "the database " + where + " refused the configured user or password" + state;
        }
        return "cannot open " + where + state;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Rewrites the closed embedded database into a new file ({@code SHUTDOWN COMPACT}): H2 keeps
     * old versions of pages in its file until it reuses their space, and after the rows stored in
     * clear were sealed those old pages still held the clear values.
     */
    static void compactEmbedded(StorageConfig config) {
        String url = Dialect.jdbcUrl(config);
        if (Dialect.of(url) != Dialect.H2) {
            return;
        }
        String user = config.username() == null ? "" : config.username();
        String password =
                config.password() == null ? "" : new String(config.password().reveal());
        try (Connection c = java.sql.DriverManager.getConnection(url, user, password);
                java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new StoreException("cannot compact the embedded database (SQLState " + e.getSQLState() + ")", e);
        }
        tighten(config.jdbcUrl() == null ? config.dataDir() : null);
    }

    /** A pooled connection with auto-commit off; the caller commits and closes it. */
    Connection connection(String operation) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException(operation + ": the database is unavailable (" + e.getSQLState() + ")", e);
        }
    }

    /**
     * The embedded database holds decrypted personal data in clear, so its directory is created
     * 0700: whatever mode H2 gives the files it makes inside, no other user can reach them.
     */
    private static void createDataDirectory(Path dir) {
        try {
            OwnerOnly.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }

    /**
     * H2 creates its files with the process's default mode (0644 under the usual umask): make them
     * 0600, and the directory 0700 again, which also repairs a data directory made before this rule.
     */
    private static void tighten(Path dataDir) {
        if (dataDir == null) {
            return;
        }
        try {
            OwnerOnly.tighten(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make data directory " + dataDir + " private to its owner", e);
        }
    }

    /** PostgreSQL needs no lock of ours: its row locks and the log head serialise what must be. */
    private static final Lock NO_LOCK = new Lock() {
        @Override
        public void lock() {}

        @Override
        public void lockInterruptibly() {}

        @Override
        public boolean tryLock() {
            return true;
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) {
            return true;
        }

        @Override
        public void unlock() {}

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException();
        }
    };

    /** The loopback port this gateway serves its embedded store on, or -1. */
    int servedPort() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        pool.close();
        // Files H2 made while running (a trace file) sat in the 0700 directory; now they are 0600 as well.
        // Best effort: the directory is private already, and closing must not fail on it.
        try {
            tighten(dataDir);
        } catch (UncheckedIOException e) {
            // the next open tightens again, and fails there if it still cannot
        }
    }
}
