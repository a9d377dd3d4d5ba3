package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.StorageConfig;

/**
 * The embedded store holds decrypted personal data in clear: its directory is 0700 and the files H2
 * makes in it are 0600, however the process's umask would have made them.
 */
class DataDirectoryPermissionsTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Each regular file in the directory with its mode. */
    private static Map<String, String> fileModes(Path dir) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                modes.put(f.getFileName().toString(), mode(f));
            }
        }
        return modes;
    }

    private static void write(Store store) {
        store.recordRejection(new Rejection("SchemaInvalid", "c-1", "127.0.0.1", "CN=x", "RU-GPO", null));
    }

    @Test
    void newDataDirectory_is0700_andH2sFilesAre0600_whileOpenAndAfterClose() throws IOException {
        Path data = tmp.resolve("var/gateway/data");
        try (Store store = Store.open(new StorageConfig(data, null, null, null, null), Clock.systemUTC())) {
            write(store);
            assertEquals("rwx------", mode(data));
            assertEquals("rwx------", mode(data.getParent()), "directories made for it are private too");
            Map<String, String> open = fileModes(data);
            assertTrue(open.containsKey("gateway.mv.db"), open.toString());
            open.forEach((file, mode) -> assertEquals("rw-------", mode, file));
        }
        Map<String, String> closed = fileModes(data);
        assertTrue(closed.containsKey("gateway.mv.db"), closed.toString());
        closed.forEach((file, mode) -> assertEquals("rw-------", mode, file));
    }

    @Test
    void dataDirectoryMadeOpenByAnOlderVersion_isTightenedOnOpen() throws IOException {
        Path data = tmp.resolve("data");
        try (Store store = Store.open(new StorageConfig(data, null, null, null, null), Clock.systemUTC())) {
            write(store);
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String file : fileModes(data).keySet()) {
            Files.setPosixFilePermissions(data.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (Store store = Store.open(new StorageConfig(data, null, null, null, null), Clock.systemUTC())) {
            assertEquals("rwx------", mode(data));
            assertEquals(
                    List.of("rw-------"),
                    fileModes(data).values().stream().distinct().toList());
            write(store);
        }
    }
}
