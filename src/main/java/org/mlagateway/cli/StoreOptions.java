package org.mlagateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.mlagateway.config.GatewayConfig;
import picocli.CommandLine.Option;

/**
 * The store an operator command reads: the one its {@code --config} names, or with {@code --data-dir}
 * the embedded store in another directory (a demo's, a copy). The command reaches it beside a running
 * gateway, and never creates it.
 */
final class StoreOptions {
    @Option(
            names = "--data-dir",
            description = "Use the embedded store in this directory instead of the configured storage.dataDir"
                    + " (e.g. a demo's, see README).")
    Path dataDir;

    /** The configuration with the store to use, or null after printing why there is none. */
    GatewayConfig load(Path config, String command, PrintStream out) {
        GatewayConfig loaded = Configs.loadOrReport(config, command, out);
        if (loaded == null || dataDir == null) {
            return loaded;
        }
        if (loaded.storage().jdbcUrl() != null) {
            out.println(command + ": --data-dir applies to the embedded store only; " + config.getFileName()
                    + " names a JDBC URL");
            return null;
        }
        return loaded.withStorage(loaded.storage().embeddedIn(dataDir));
    }
}
