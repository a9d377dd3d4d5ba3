package org.mlagateway.config;

import java.nio.file.Path;

/**
 * The store. Without a {@code jdbcUrl} the gateway uses embedded H2 in {@code dataDir}; with a
 * PostgreSQL URL it uses that server, which several gateway nodes may share. With {@code kek}, the
 * envelopes, message XML and documents are stored encrypted (docs/encryption-at-rest.md).
 */
public record StorageConfig(
        @OptionalKey Path dataDir,
        @OptionalKey String jdbcUrl,
        @OptionalKey String username,
        @OptionalKey Secret password,
        @OptionalKey Integer poolSize,
        @OptionalKey KekConfig kek) {
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
    }

    /** A store without encryption at rest (tests, benchmarks, the statistics' synthetic year). */
    public StorageConfig(Path dataDir, String jdbcUrl, String username, Secret password, Integer poolSize) {
        this(dataDir, jdbcUrl, username, password, poolSize, null);
    }

    /** The same store in another embedded data directory, with the same key-encryption key. */
    public StorageConfig embeddedIn(Path otherDataDir) {
        return new StorageConfig(otherDataDir, null, null, null, poolSize, kek);
    }
}
