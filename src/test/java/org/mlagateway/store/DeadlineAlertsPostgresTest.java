package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class DeadlineAlertsPostgresTest extends DeadlineAlertsContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(DeadlineAlertsPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
