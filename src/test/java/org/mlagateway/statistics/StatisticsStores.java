package org.mlagateway.statistics;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.store.Store;

/**
 * Stores for the statistics tests: embedded H2 in a directory, or a fresh PostgreSQL schema on the
 * server named by {@code MLA_TEST_POSTGRES_URL} (the test is skipped, visibly, without it), dropped
 * when the store is closed.
 */
final class StatisticsStores {
    static final String POSTGRES_ENV = "MLA_TEST_POSTGRES_URL";

    private StatisticsStores() {}

    static Store h2(Path dir, Clock clock) {
        return Store.open(SyntheticYear.inMemory(), clock);
    }

    /** A store in a new schema; {@link Dropping#close} closes the store and drops the schema. */
    static Dropping postgres(Clock clock) {
        String url = System.getenv(POSTGRES_ENV);
        Assumptions.assumeTrue(url != null, POSTGRES_ENV + " not set: PostgreSQL statistics test skipped");
        String schema = "s_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(url, "CREATE SCHEMA " + schema);
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Dropping(
                Store.open(new StorageConfig(Path.of("unused"), scoped, null, null, null), clock), url, schema);
    }

    /** A PostgreSQL store and the schema to drop after it. */
    record Dropping(Store store, String adminUrl, String schema) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            execute(adminUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + POSTGRES_ENV, e);
        }
    }
}
