package org.mlagateway.store;

import java.nio.file.Path;

class DocumentFilesH2Test extends DocumentFilesContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
