package org.mlagateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;

/** How every command loads its {@code --config}: on any problem, each is printed with its key path. */
final class Configs {
    private Configs() {}

    /** The configuration, or null after printing its problems to {@code out}. */
    static GatewayConfig loadOrReport(Path file, String command, PrintStream out) {
        try {
            return new ConfigLoader().load(file);
        } catch (ConfigException e) {
            e.problems().forEach(p -> out.println("problem: " + p));
            out.println(command + ": " + e.problems().size() + " problem(s) in " + file);
            return null;
        }
    }
}
