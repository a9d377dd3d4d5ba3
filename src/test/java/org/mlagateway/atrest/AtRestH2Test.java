package org.mlagateway.atrest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class AtRestH2Test extends AtRestContract {
    @Override
    AtRestDatabase database() {
        return AtRestDatabase.h2(dir.resolve("data"));
    }

    /** H2 keeps old page versions in its file: the start compacts it, so no clear copy is left there. */
    @Override
    void afterSealingClearRows() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(db.h2Dir())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertFalse(showsThePerson(Files.readAllBytes(f)), f + " holds the person in clear");
        }
        assertEquals(1, files.size(), files.toString());
    }
}
