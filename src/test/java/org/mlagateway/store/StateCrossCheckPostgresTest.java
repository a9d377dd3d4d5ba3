package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class StateCrossCheckPostgresTest extends StateCrossCheckContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(StateCrossCheckPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
