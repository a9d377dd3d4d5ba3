package org.mlagateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import org.mlagateway.tools.sample.SampleDeployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Key material commands. */
@Command(
        name = "keys",
        description = "Key material.",
        subcommands = {KeysCommand.Sample.class, KeysCommand.RotateKek.class},
        mixinStandardHelpOptions = true)
final class KeysCommand extends GroupCommand {

    @Command(
            name = "rotate-kek",
            mixinStandardHelpOptions = true,
            description = "Re-wrap every data key of the store under another key-encryption key, an AES-256 entry"
                    + " of the key store storage.kek names; gateways on the store keep running."
                    + " See docs/encryption-at-rest.md.")
    static final class RotateKek implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway's configuration file.")
        Path config;

        @Option(
                names = "--new-alias",
                required = true,
                description = "The key store entry that wraps the data keys from now on.")
        String newAlias;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Override
        public Integer call() {
            GatewayConfig loaded = storeOptions.load(config, "keys rotate-kek", System.out);
            if (loaded == null) {
                return 1;
            }
            if (loaded.storage().kek() == null) {
                System.out.println("keys rotate-kek: " + config + " configures no storage.kek: the store is not"
                        + " encrypted at rest");
                return 1;
            }
            try (Store store = Store.open(
                    loaded.storage(),
                    Clock.systemUTC(),
                    null,
                    AtRest.sealing(loaded.storage(), Clock.systemUTC()),
                    Store.Access.JOIN)) {
                String old = store.dataKeys()
                        .currentKek()
                        .orElse(loaded.storage().kek().alias());
                int n = AtRest.rotate(store.dataKeys(), loaded.storage().kek(), newAlias);
                System.out.println("keys rotate-kek: re-wrapped " + n + " data key(s) from '" + old + "' to '"
                        + newAlias + "'; new data keys are wrapped by '" + newAlias + "'. Set storage.kek.alias to '"
                        + newAlias + "'; remove '" + old + "' from the key store once no backup needs it.");
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(p -> System.out.println("problem: " + p));
                System.out.println("keys rotate-kek: failed");
                return 1;
            } catch (StoreException e) {
                System.out.println("keys rotate-kek: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "sample",
            mixinStandardHelpOptions = true,
            description = "Generate the SAMPLE PKI and configurations (KZ-GPO and partners RU-GPO, TR-MOJ, AE-MOJ)."
                    + " Sample material is for the demo and docs, never for production.")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Directory to write, e.g. keys-sample.")
        Path out;

        @Option(names = "--force", description = "Replace the files of an existing, non-empty directory.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (!force && Files.isDirectory(out) && !isEmpty(out)) {
                System.err.println("keys sample: " + out + " is not empty; use --force to overwrite it");
                return 1;
            }
            new SampleDeployment(new SecureRandom(), Instant.now()).writeTo(out);
            System.out.println("keys sample: wrote SAMPLE key material for "
                    + SampleDeployment.AUTHORITIES.size() + " authorities to " + out
                    + " (never use it in production)");
            return 0;
        }

        private static boolean isEmpty(Path dir) throws IOException {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            }
        }
    }
}
