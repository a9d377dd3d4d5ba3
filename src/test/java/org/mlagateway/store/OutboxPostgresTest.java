package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class OutboxPostgresTest extends OutboxContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(OutboxPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
