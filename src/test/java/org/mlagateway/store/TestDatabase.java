package org.mlagateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.mlagateway.config.StorageConfig;

/**
 * A database for one test: embedded H2 in a temporary directory, or a fresh PostgreSQL schema
 * ({@code t_<random>}) on the server named by {@code MLA_TEST_POSTGRES_URL}, dropped on close.
 */
final class TestDatabase implements AutoCloseable {
    static final String POSTGRES_ENV = "MLA_TEST_POSTGRES_URL";
    static final String SKIP_NOTICE = POSTGRES_ENV + " not set: PostgreSQL tests skipped";

    private final StorageConfig config;
    private final String adminUrl;
    private final String schema;

    private TestDatabase(StorageConfig config, String adminUrl, String schema) {
        this.config = config;
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    static TestDatabase h2(Path dir) {
        return new TestDatabase(new StorageConfig(dir, null, null, null, 20), null, null);
    }

    /** Prints, once per test class, that its PostgreSQL tests will be skipped, if they will. */
    static void announcePostgres(Class<?> testClass) {
        if (System.getenv(POSTGRES_ENV) == null) {
            System.out.println("NOTICE: " + SKIP_NOTICE + " (" + testClass.getSimpleName() + ")");
        }
    }

    /** A fresh schema; skips the calling test (reported as skipped) when PostgreSQL is not configured. */
    static TestDatabase postgres() {
        return postgres(Path.of("unused"));
    }

    /** As {@link #postgres()}, with the given data directory (where the document file store lives). */
    static TestDatabase postgres(Path dataDir) {
        Assumptions.assumeTrue(System.getenv(POSTGRES_ENV) != null, SKIP_NOTICE);
        String url = System.getenv(POSTGRES_ENV);
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on " + POSTGRES_ENV, e);
        }
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(new StorageConfig(dataDir, scoped, null, null, 20), url, schema);
    }

    StorageConfig config() {
        return config;
    }

    /** The PostgreSQL schema of this test, or null for H2. */
    String schema() {
        return schema;
    }

    String jdbcUrl() {
        return Dialect.jdbcUrl(config);
    }

    /** A plain JDBC connection (auto-commit on) to the same database, for tampering and checks. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    @Override
    public void close() {
        if (schema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
