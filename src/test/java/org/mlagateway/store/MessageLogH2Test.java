package org.mlagateway.store;

import java.nio.file.Path;

class MessageLogH2Test extends MessageLogContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
