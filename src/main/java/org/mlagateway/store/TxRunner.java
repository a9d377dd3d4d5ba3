package org.mlagateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs one unit of work in one database transaction. Log events the work records are appended to
 * the chain as the last step before commit (unless the work appended them itself), so the
 * {@code log_head} lock is held as briefly as possible. After a commit the checkpoint worker is
 * told where the chain now ends; that only queues work for its thread, so a commit never waits for
 * signing or a time-stamping authority.
 */
final class TxRunner {
    /** The work of one transaction. SQLExceptions roll it back. */
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private final Database database;
    private final Clock clock;
    /** Null when the store writes no checkpoints. */
    private final CheckpointWorker checkpoints;
    /** Null where the database runs write transactions concurrently (PostgreSQL). */
    private final GroupCommit groupCommit;

    private volatile Sealing sealing = Sealing.NONE;

    TxRunner(Database database, Clock clock, CheckpointWorker checkpoints) {
        this.database = database;
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.groupCommit =
                database.dialect().serialisesWrites() ? new GroupCommit(database, this::now, this::sealing) : null;
    }

    /** Set once, when the store opens, before any other thread uses it. */
    void useSealing(Sealing sealing) {
        this.sealing = sealing;
    }

    Sealing sealing() {
        return sealing;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A transaction that writes: durable when this returns. On H2 it may share its commit with
     * other callers' work ({@link GroupCommit}); it still commits or fails as a whole.
     */
    <T> T inTx(String operation, Work<T> work) {
        return groupCommit == null ? run(operation, work, true) : grouped(operation, work);
    }

    private <T> T grouped(String operation, Work<T> work) {
        GroupCommit.Unit<T> unit = groupCommit.run(operation, work);
        if (unit.failure instanceof RuntimeException e) {
            throw e;
        }
        if (unit.failure instanceof Error e) {
            throw e;
        }
        committed(unit.appended);
        return unit.result;
    }

    /** A transaction that only reads. */
    <T> T read(String operation, Work<T> work) {
        return run(operation, work, false);
    }

    private <T> T run(String operation, Work<T> work, boolean writes) {
        List<LogEntry> appended;
        T result;
        if (writes) {
            database.writeLock().lock();
        }
        try (Connection connection = database.connection(operation)) {
            Tx tx = new Tx(connection, now(), sealing);
            try {
                result = work.run(tx);
                tx.appendLog();
                connection.commit();
                appended = tx.appended();
            } catch (SQLException e) {
                rollback(connection, e);
                if (Dialect.isUniqueViolation(e)) {
                    throw new UniqueViolation(operation, e);
                }
                throw new StoreException(operation + " failed (SQLState " + e.getSQLState() + ")", e);
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(operation + ": closing the connection failed", e);
        } finally {
            if (writes) {
                database.writeLock().unlock();
            }
        }
        committed(appended);
        return result;
    }

    private void committed(List<LogEntry> appended) {
        if (checkpoints != null && !appended.isEmpty()) {
            checkpoints.afterCommit(appended.get(appended.size() - 1));
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
