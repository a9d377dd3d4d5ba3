package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class CrashPostgresTest extends CrashContract {
    @BeforeAll
    static void requirePostgres() {
        TestDatabase.assumePostgres();
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
