package org.mlagateway.store;

import java.nio.file.Path;

class TamperH2Test extends TamperContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
