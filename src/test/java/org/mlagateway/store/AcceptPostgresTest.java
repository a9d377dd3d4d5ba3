package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class AcceptPostgresTest extends AcceptContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(AcceptPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
