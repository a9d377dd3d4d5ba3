package org.mlagateway.cli;

import java.nio.file.Path;

/** Where the installation is: the launcher passes its own directory as {@code mlagateway.home}. */
final class Launcher {
    private Launcher() {}

    static Path home() {
        return Path.of(System.getProperty("mlagateway.home", "."));
    }
}
