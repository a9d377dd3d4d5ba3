package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class QueuePostgresTest extends QueueContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(QueuePostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
