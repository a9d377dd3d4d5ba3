package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class MessageLogPostgresTest extends MessageLogContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(MessageLogPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres();
    }
}
