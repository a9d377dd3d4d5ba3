package org.mlagateway.store;

import java.nio.file.Path;

class OutboxH2Test extends OutboxContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
