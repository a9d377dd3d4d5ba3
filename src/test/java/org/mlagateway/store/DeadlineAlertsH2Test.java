package org.mlagateway.store;

import java.nio.file.Path;

class DeadlineAlertsH2Test extends DeadlineAlertsContract {
    @Override
    TestDatabase newDatabase(Path dir) {
        return TestDatabase.h2(dir);
    }
}
