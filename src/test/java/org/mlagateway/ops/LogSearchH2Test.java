package org.mlagateway.ops;

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
    Stored stored() {
        return stored;
    }
}
