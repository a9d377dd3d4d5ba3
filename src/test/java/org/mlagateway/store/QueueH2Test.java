package org.mlagateway.store;

import java.nio.file.Path;

class QueueH2Test extends QueueContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
