package org.mlagateway.atrest;

class AtRestPostgresTest extends AtRestContract {
    @Override
    AtRestDatabase database() {
        return AtRestDatabase.postgres();
    }
}
