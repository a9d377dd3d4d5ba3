package org.mlagateway.pages;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.SampleDeployments;

/** {@code gateway log search} on the embedded H2 store. */
class LogSearchH2Test extends LogSearchContract {
    @TempDir
    static Path dir;

    static Path config;
    static Stored stored;

    @BeforeAll
    static void populate() {
        SampleDeployments.generate(dir.resolve("keys"));
        config = dir.resolve("keys/kz-gpo/gateway.yaml");
        stored = populate(config);
    }

    @Override
    Path config() {
        return config;
    }

    @Override
    void updateSearchRows(String assignments) throws java.sql.SQLException {
        run("UPDATE message_search SET " + assignments);
    }

    @Override
    void deleteSearchRows() throws java.sql.SQLException {
        run("DELETE FROM message_search");
    }

    private void run(String statement) throws java.sql.SQLException {
        Path file = new org.mlagateway.config.ConfigLoader()
                .load(config)
                .storage()
                .dataDir()
                .resolve("gateway");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Override
    Stored stored() {
        return stored;
    }
}
