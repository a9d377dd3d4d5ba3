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
import org.mlagateway.security.token.Token;
import org.mlagateway.security.token.TokenException;
import org.mlagateway.security.token.Tokens;
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
        subcommands = {
            KeysCommand.Sample.class,
            KeysEnrolment.Request.class,
            KeysEnrolment.Import.class,
            KeysCommand.RotateKek.class,
            KeysCommand.GenerateKek.class
        },
        mixinStandardHelpOptions = true)
final class KeysCommand extends GroupCommand {

    @Command(
            name = "rotate-kek",
            mixinStandardHelpOptions = true,
            description = "Re-wrap every data key of the store under another key-encryption key, an AES-256 key"
                    + " in the key store or the token storage.kek names (with both, this moves the data keys from"
                    + " the one to the other); gateways on the store keep running (PostgreSQL; the"
                    + " embedded H2 store is locked by its running gateway, so stop it first)."
                    + " See docs/encryption-at-rest.md.")
    static final class RotateKek implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway's configuration file.")
        Path config;

        @Option(
                names = "--new-alias",
                required = true,
                description = "The key (key store entry or token key) that wraps the data keys from now on.")
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
            try (Tokens tokens = new Tokens();
                    Store store = Store.open(
                            loaded.storage(),
                            Clock.systemUTC(),
                            null,
                            AtRest.sealing(loaded.storage(), Clock.systemUTC(), tokens),
                            Store.Access.JOIN)) {
                String old = store.dataKeys()
                        .currentKek()
                        .orElse(loaded.storage().kek().alias());
                int n = AtRest.rotate(store.dataKeys(), loaded.storage().kek(), newAlias, tokens);
                System.out.println("keys rotate-kek: re-wrapped " + n + " data key(s) from '" + old + "' to '"
                        + newAlias + "'; new data keys are wrapped by '" + newAlias + "'. Set storage.kek.alias to '"
                        + newAlias + "'; remove '" + old + "' once no backup needs it.");
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
            name = "generate-kek",
            mixinStandardHelpOptions = true,
            description = "Generate an AES-256 key-encryption key inside the token storage.kek.pkcs11 names:"
                    + " sensitive and not extractable, so that it never leaves the token. Then use it with"
                    + " keys rotate-kek. See docs/pkcs11.md.")
    static final class GenerateKek implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway's configuration file.")
        Path config;

        @Option(names = "--alias", required = true, description = "The new key's alias (label) in the token.")
        String alias;

        @Override
        public Integer call() {
            GatewayConfig loaded = Configs.loadOrReport(config, "keys generate-kek", System.out);
            if (loaded == null) {
                return 1;
            }
            if (loaded.storage().kek() == null || loaded.storage().kek().pkcs11() == null) {
                System.out.println("keys generate-kek: " + config + " configures no token under storage.kek.pkcs11");
                return 1;
            }
            try (Tokens tokens = new Tokens()) {
                Token token = tokens.token(loaded.storage().kek().pkcs11().token());
                if (token.hasKey(alias)) {
                    System.out.println("keys generate-kek: " + token.name() + " already holds a key '" + alias + "'");
                    return 1;
                }
                token.generateKeyEncryptionKey(alias);
                System.out.println("keys generate-kek: generated AES-256 key '" + alias + "' in " + token.name()
                        + " (sensitive, not extractable)");
                return 0;
            } catch (TokenException e) {
                System.out.println("problem: storage.kek: " + e.getMessage());
                System.out.println("keys generate-kek: failed");
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
