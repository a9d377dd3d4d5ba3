package org.mlagateway.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.SampleDeployments;

/**
 * {@code gateway log search} on PostgreSQL, in a fresh schema on the server that
 * {@code MLA_TEST_POSTGRES_URL} names; skipped with a notice when it is not set.
 */
class LogSearchPostgresTest extends LogSearchContract {
    static final String ENV = "MLA_TEST_POSTGRES_URL";

    @TempDir
    static Path dir;

    static Path config;
    static Stored stored;
    static String schema;

    @BeforeAll
    static void populate() throws IOException, SQLException {
        if (System.getenv(ENV) == null) {
            System.out.println("NOTICE: " + ENV + " not set: PostgreSQL tests skipped (LogSearchPostgresTest)");
        }
        Assumptions.assumeTrue(System.getenv(ENV) != null, ENV + " not set: PostgreSQL tests skipped");
        String url = System.getenv(ENV);
        schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        SampleDeployments.generate(dir.resolve("keys"));
        config = dir.resolve("keys/kz-gpo/gateway.yaml");
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        String yaml = Files.readString(config).replaceFirst("(?m)^  dataDir: .*$", "  jdbcUrl: \"" + scoped + "\"");
        Files.writeString(config, yaml);
        stored = populate(config);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(System.getenv(ENV));
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    Path config() {
        return config;
    }

    @Override
    void updateSearchRows(String assignments) throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getenv(ENV));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + schema + ".message_search SET " + assignments);
        }
    }

    @Override
    void deleteSearchRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getenv(ENV));
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + schema + ".message_search");
        }
    }

    @Override
    Stored stored() {
        return stored;
    }
}
