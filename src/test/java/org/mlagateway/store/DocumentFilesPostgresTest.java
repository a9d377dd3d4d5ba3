package org.mlagateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class DocumentFilesPostgresTest extends DocumentFilesContract {
    @BeforeAll
    static void announce() {
        TestDatabase.announcePostgres(DocumentFilesPostgresTest.class);
    }

    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.postgres(dir);
    }
}
