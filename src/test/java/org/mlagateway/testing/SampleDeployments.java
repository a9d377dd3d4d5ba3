package org.mlagateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.mlagateway.cli.Main;

/** Generates a complete four-authority deployment in code (never the committed keys-sample/). */
public final class SampleDeployments {
    private SampleDeployments() {}

    public static Path generate(Path dir) {
        int code = Main.run("keys", "sample", "--out", dir.toString());
        if (code != 0) {
            throw new IllegalStateException("keys sample failed with exit code " + code);
        }
        return dir;
    }

    /** Copies a generated deployment so that a test may damage its copy. */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
