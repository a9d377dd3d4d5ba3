package org.mlagateway.store;

import java.nio.file.Path;

class StateCrossCheckH2Test extends StateCrossCheckContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
