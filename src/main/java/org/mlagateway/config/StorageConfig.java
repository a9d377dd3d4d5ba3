package org.mlagateway.config;

import java.nio.file.Path;

/**
 * The store. Without a {@code jdbcUrl} the gateway uses embedded H2 in {@code dataDir}; with a
 * PostgreSQL URL it uses that server, which several gateway nodes may share. With {@code kek}, the
 * envelopes, message XML and documents are stored encrypted (docs/encryption-at-rest.md). With
 * {@code schema}, every table of the gateway, Flyway's history included, lives in that PostgreSQL
 * schema (created at the first start), so that several deployments, or tests, share one server.
 */
public record StorageConfig(
        @OptionalKey Path dataDir,
        @OptionalKey String jdbcUrl,
        @OptionalKey String username,
        @OptionalKey Secret password,
        @OptionalKey Integer poolSize,
        @OptionalKey KekConfig kek,
        @OptionalKey String schema) {
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final int DEFAULT_POOL_SIZE = 10;

    public StorageConfig {
        dataDir = dataDir != null ? dataDir : DEFAULT_DATA_DIR;
        poolSize = poolSize != null ? poolSize : DEFAULT_POOL_SIZE;
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "schema must be a lower-case SQL name ([a-z_][a-z0-9_]*, at most 63 characters)");
        }
        if (schema != null && (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("schema needs a jdbc:postgresql: jdbcUrl");
        }
    }

    /** A store in the default schema. */
    public StorageConfig(
            Path dataDir, String jdbcUrl, String username, Secret password, Integer poolSize, KekConfig kek) {
        this(dataDir, jdbcUrl, username, password, poolSize, kek, null);
    }

    /** A store without encryption at rest (tests, benchmarks, the statistics' synthetic year). */
    public StorageConfig(Path dataDir, String jdbcUrl, String username, Secret password, Integer poolSize) {
        this(dataDir, jdbcUrl, username, password, poolSize, null, null);
    }

    /** The same store in another embedded data directory, with the same key-encryption key. */
    public StorageConfig embeddedIn(Path otherDataDir) {
        return new StorageConfig(otherDataDir, null, null, null, poolSize, kek, null);
    }

    /** The same server store in another schema (tests and benchmarks sharing one PostgreSQL). */
    public StorageConfig inSchema(String otherSchema) {
        return new StorageConfig(dataDir, jdbcUrl, username, password, poolSize, kek, otherSchema);
    }
}
