package org.mlagateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.mlagateway.config.StorageConfig;

/** The connection pool, with the schema migrated to the newest version before first use. */
final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final Lock writeLock;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.writeLock = dialect.serialisesWrites() ? new ReentrantLock(true) : NO_LOCK;
    }

    /** Held around every write transaction: see {@link Dialect#serialisesWrites()}. */
    Lock writeLock() {
        return writeLock;
    }

    static Database open(StorageConfig config) {
        String url = Dialect.jdbcUrl(config);
        Dialect dialect = Dialect.of(url);
        if (config.jdbcUrl() == null) {
            createDirectories(config.dataDir());
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
        hikari.setAutoCommit(false);
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.setConnectionInitSql(dialect.connectionInitSql());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the " + dialect + " database", e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .placeholders(Map.of("large_binary", dialect.largeBinaryType())).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the " + dialect + " database schema", e);
        }
        return new Database(pool, dialect);
    }

    Dialect dialect() {
        return dialect;
    }

    /** A pooled connection with auto-commit off; the caller commits and closes it. */
    Connection connection(String operation) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException(operation + ": the database is unavailable (" + e.getSQLState() + ")", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }

    /** PostgreSQL needs no lock of ours: its row locks and the log head serialise what must be. */
    private static final Lock NO_LOCK = new Lock() {
        @Override public void lock() { }
        @Override public void lockInterruptibly() { }
        @Override public boolean tryLock() { return true; }
        @Override public boolean tryLock(long time, TimeUnit unit) { return true; }
        @Override public void unlock() { }
        @Override public Condition newCondition() { throw new UnsupportedOperationException(); }
    };

    @Override
    public void close() {
        pool.close();
    }
}
