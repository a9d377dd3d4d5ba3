package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class CrashPostgresTest extends CrashContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(CrashPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
