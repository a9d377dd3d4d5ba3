package org.mlagateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Group commit for a database whose write transactions run one at a time ({@link
 * Dialect#serialisesWrites()}, i.e. H2). The commit, which writes the store file, was half of the
 * store's time per accepted message. Writers queue their work; whoever holds the write lock runs
 * every queued unit of work in one database transaction, each inside a savepoint of its own, and
 * commits once. A unit that fails is rolled back to its savepoint and only its caller sees the
 * failure. No caller returns before the commit that holds its work: a caller waits for the lock,
 * and by the time it gets it, either its work has been committed by another caller's group or it
 * runs a group itself. Without contention a group holds one unit, which is a plain transaction.
 */
final class GroupCommit {
    /** Bounds how long one group holds the lock (and its transaction stays open). */
    static final int MAX_GROUP = 32;

    private final Database database;
    private final Lock lock;
    private final Supplier<java.time.Instant> clock;
    private final Queue<Unit<?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(Database database, Supplier<java.time.Instant> clock) {
        this.database = database;
        this.lock = database.writeLock();
        this.clock = clock;
    }

    /** One caller's work and, once its group has committed or failed, its outcome. */
    static final class Unit<T> {
        final String operation;
        final TxRunner.Work<T> work;
        T result;
        Throwable failure;
        List<LogEntry> appended = List.of();
        boolean done; // written and read under the lock

        Unit(String operation, TxRunner.Work<T> work) {
            this.operation = operation;
            this.work = work;
        }
    }

    /** Runs the work in a committed transaction, possibly together with other callers' work. */
    <T> Unit<T> run(String operation, TxRunner.Work<T> work) {
        Unit<T> own = new Unit<>(operation, work);
        queue.add(own);
        lock.lock();
        try {
            while (!own.done) {
                runGroup();
            }
        } finally {
            lock.unlock();
        }
        return own;
    }

    private void runGroup() {
        List<Unit<?>> group = new ArrayList<>();
        for (Unit<?> u = queue.poll(); u != null; u = group.size() < MAX_GROUP - 1 ? queue.poll() : null) {
            group.add(u);
        }
        try (Connection connection = database.connection(group.get(0).operation)) {
            for (Unit<?> unit : group) {
                runUnit(connection, unit);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            // The transaction as a whole failed (commit, rollback to a savepoint, the connection):
            // nothing of this group is kept, so every unit fails.
            for (Unit<?> unit : group) {
                if (unit.failure == null) {
                    unit.failure = e instanceof StoreException s ? s
                            : new StoreException(unit.operation + " failed at commit", e);
                    unit.result = null;
                    unit.appended = List.of();
                }
            }
        } finally {
            for (Unit<?> unit : group) {
                unit.done = true;
            }
        }
    }

    private <T> void runUnit(Connection connection, Unit<T> unit) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        Tx tx = new Tx(connection, clock.get());
        try {
            unit.result = unit.work.run(tx);
            tx.appendLog();
            unit.appended = tx.appended();
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            unit.failure = Dialect.isUniqueViolation(e) ? new UniqueViolation(unit.operation, e)
                    : new StoreException(unit.operation + " failed (SQLState " + e.getSQLState() + ")", e);
        } catch (RuntimeException | Error e) {
            connection.rollback(savepoint);
            unit.failure = e;
        }
    }
}
