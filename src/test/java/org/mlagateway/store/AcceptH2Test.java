package org.mlagateway.store;

import java.nio.file.Path;

class AcceptH2Test extends AcceptContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
