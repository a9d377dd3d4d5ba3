package org.mlagateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.TestClock;

/**
 * The base of every store contract: a fresh database per test (H2 in a temporary directory, or a
 * fresh PostgreSQL schema) and a store on it with a hand-moved clock. Subclasses pick the database.
 */
abstract class StoreContract {
    static final Instant START = Instant.parse("2026-03-01T09:00:00.123456Z");

    @TempDir
    Path tmp;

    TestDatabase db;
    TestClock clock;
    Store store;

    /** H2 or PostgreSQL. */
    abstract TestDatabase newDatabase(Path dir);

    /** Checkpointing for the store under test; none by default. */
    Checkpointing checkpointing() {
        return null;
    }

    @BeforeEach
    void openStore() {
        db = newDatabase(tmp);
        clock = new TestClock(START);
        store = Store.open(db.config(), clock, checkpointing());
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    Store reopen() {
        store.close();
        store = Store.open(db.config(), clock, checkpointing());
        return store;
    }

    /** The single number a SQL query returns, read over a plain connection. */
    long count(String sql) {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs SQL over a plain connection (auto-commit), e.g. to tamper with the log. */
    void sql(String... statements) {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }
}
