package org.mlagateway.atrest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.mlagateway.config.KekConfig;
import org.mlagateway.config.StorageConfig;

/**
 * One test's database: embedded H2 in a directory, or a fresh PostgreSQL schema on the server named
 * by {@code MLA_TEST_POSTGRES_URL} (the test is skipped without it), dropped on close.
 */
final class AtRestDatabase implements AutoCloseable {
    static final String POSTGRES_ENV = "MLA_TEST_POSTGRES_URL";

    private final Path h2Dir;
    private final String adminUrl;
    private final String schema;

    private AtRestDatabase(Path h2Dir, String adminUrl, String schema) {
        this.h2Dir = h2Dir;
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    static AtRestDatabase h2(Path dir) {
        return new AtRestDatabase(dir, null, null);
    }

    static AtRestDatabase postgres() {
        String url = System.getenv(POSTGRES_ENV);
        Assumptions.assumeTrue(url != null, POSTGRES_ENV + " not set: PostgreSQL tests skipped");
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema", e);
        }
        return new AtRestDatabase(null, url, schema);
    }

    boolean isH2() {
        return h2Dir != null;
    }

    Path h2Dir() {
        return h2Dir;
    }

    String schema() {
        return schema;
    }

    String adminUrl() {
        return adminUrl;
    }

    String jdbcUrl() {
        return isH2() ? null : adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    StorageConfig storage(KekConfig kek) {
        return new StorageConfig(isH2() ? h2Dir : Path.of("unused"), jdbcUrl(), null, null, 8, kek);
    }

    /** A plain connection (auto-commit on), for tampering; on H2 only while no store holds the file. */
    Connection connect() throws SQLException {
        if (isH2()) {
            return DriverManager.getConnection("jdbc:h2:file:"
                    + h2Dir.toAbsolutePath().resolve("gateway") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        }
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
