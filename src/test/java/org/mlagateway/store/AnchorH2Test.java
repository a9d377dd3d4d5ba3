package org.mlagateway.store;

import java.nio.file.Path;

class AnchorH2Test extends AnchorContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
