package org.mlagateway.store;

import java.nio.file.Path;

class CrashH2Test extends CrashContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
