package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class TamperPostgresTest extends TamperContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(TamperPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
