package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class AnchorPostgresTest extends AnchorContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(AnchorPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
