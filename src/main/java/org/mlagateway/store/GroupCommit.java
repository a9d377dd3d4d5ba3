package org.mlagateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Group commit for a database whose write transactions run one at a time ({@link
 * Dialect#serialisesWrites()}, i.e. H2). The commit, which writes the store file, was half of the
 * store's time per accepted message. Writers queue their work; whoever holds the write lock runs
 * every queued unit of work in one database transaction, each inside a savepoint of its own, and
 * commits once. A unit that fails is rolled back to its savepoint and only its caller sees the
 * failure. No caller returns before the commit that holds its work: a caller either leads a group
 * that holds its work or waits until another caller's group has committed (or failed) with it.
 * Without contention a group holds one unit, which is a plain transaction.
 */
final class GroupCommit {
    /** Bounds how long one group holds the lock (and its transaction stays open). */
    static final int MAX_GROUP = 32;

    private static final long WAIT_LIMIT_NANOS = 5_000_000;

    private final Database database;
    private final Lock lock;
    private final Supplier<java.time.Instant> clock;
    private final Supplier<Sealing> sealing;
    private final Queue<Unit<?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(Database database, Supplier<java.time.Instant> clock, Supplier<Sealing> sealing) {
        this.database = database;
        this.sealing = sealing;
        this.lock = database.writeLock();
        this.clock = clock;
    }

    /** One caller's work and, once its group has committed or failed, its outcome. */
    static final class Unit<T> {
        final String operation;
        final TxRunner.Work<T> work;
        final Thread caller = Thread.currentThread();
        T result;
        Throwable failure;
        List<LogEntry> appended = List.of();
        /** Written after the outcome, so a caller that reads true also sees the outcome. */
        volatile boolean done;

        Unit(String operation, TxRunner.Work<T> work) {
            this.operation = operation;
            this.work = work;
        }
    }

    /**
     * Runs the work in a committed transaction, possibly together with other callers' work.
     * Waiting callers are parked and woken one by one, not queued on the lock: on a busy machine a
     * fair lock's hand-over from waiter to waiter, each only to find its work done, cost more than
     * the commits it saved.
     */
    <T> Unit<T> run(String operation, TxRunner.Work<T> work) {
        Unit<T> own = new Unit<>(operation, work);
        queue.add(own);
        while (!own.done) {
            if (lock.tryLock()) {
                try {
                    while (!own.done) {
                        runGroup();
                    }
                } finally {
                    lock.unlock();
                }
                // Whoever queued while this group ran leads the next one.
                Unit<?> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // Woken when its group is done or when it is next to lead; the time limit covers
                // the lock being held by someone outside group commit (the checkpointer).
                LockSupport.parkNanos(this, WAIT_LIMIT_NANOS);
            }
        }
        return own;
    }

    private void runGroup() {
        List<Unit<?>> group = new ArrayList<>();
        for (Unit<?> u = queue.poll(); u != null; u = group.size() < MAX_GROUP - 1 ? queue.poll() : null) {
            group.add(u);
        }
        boolean committed = false;
        Exception cause = null;
        try (Connection connection = database.connection(group.get(0).operation)) {
            for (Unit<?> unit : group) {
                runUnit(connection, unit);
            }
            connection.commit();
            committed = true;
        } catch (SQLException | RuntimeException e) {
            cause = e;
        } finally {
            // Unless the commit returned, nothing of this group is kept (whatever was thrown, an
            // Error included), so every unit fails: no caller may answer for work that is not durable.
            for (Unit<?> unit : group) {
                if (!committed && unit.failure == null) {
                    unit.failure = cause instanceof StoreException s
                            ? s
                            : new StoreException(unit.operation + " failed at commit", cause);
                    unit.result = null;
                    unit.appended = List.of();
                }
                unit.done = true;
                LockSupport.unpark(unit.caller);
            }
        }
    }

    private <T> void runUnit(Connection connection, Unit<T> unit) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        Tx tx = new Tx(connection, clock.get(), sealing.get());
        try {
            unit.result = unit.work.run(tx);
            tx.appendLog();
            unit.appended = tx.appended();
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            unit.failure = Dialect.isUniqueViolation(e)
                    ? new UniqueViolation(unit.operation, e)
                    : new StoreException(unit.operation + " failed (SQLState " + e.getSQLState() + ")", e);
        } catch (RuntimeException | Error e) {
            connection.rollback(savepoint);
            unit.failure = e;
        }
    }
}
