package org.mlagateway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.error.GatewayException;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.store.Direction;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.StoredMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code log export}: one message's evidence bundle, checkable with public tools (its VERIFY.md). */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write the evidence bundle of one message as a zip: the signed envelope as received or sent,"
                + " the receipt, the decrypted message, its log entries with the signed (and time-stamped)"
                + " checkpoint that covers them, the certificates, and a VERIFY.md of commands that check each"
                + " piece with xmlsec1, openssl and sh. Signs a checkpoint first if none covers the message yet."
                + " Exits 1 if the message is unknown or ambiguous, or if one of the gateway's own checks fails"
                + " (the bundle is written all the same).")
final class LogExport implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The gateway.yaml whose store to read.")
    Path config;

    @Parameters(index = "0", description = "The message id.")
    String messageId;

    @Option(names = "--out", required = true, description = "The zip file to write.")
    Path out;

    @Option(names = "--direction", description = "IN or OUT, when the id is stored in both directions.")
    Direction direction;

    @Option(names = "--partner", description = "The partner id, when the id is stored for several partners.")
    String partner;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() {
        GatewayConfig effective = storeOptions.load(config, "log export", System.out);
        if (effective == null) {
            return 1;
        }
        try {
            try (KeyMaterial keys = KeyMaterial.load(effective, Clock.systemUTC());
                    Store store = Store.open(
                            effective.storage(),
                            Clock.systemUTC(),
                            LogCheckpointing.of(
                                    effective.log(),
                                    effective.storage().dataDir(),
                                    new KeyStoreChainSigner(keys.signingKeys())),
                            AtRest.sealing(effective.storage(), Clock.systemUTC(), keys.tokens()),
                            Store.Access.JOIN)) {
                Evidence evidence = Evidence.of(effective, keys, store);
                StoredMessage message = evidence.find(messageId, direction, partner);
                Evidence.Report report = write(evidence, message);
                System.out.print(report.describe());
                System.out.println("log export: wrote " + out + " (message " + messageId + ", "
                        + (message.direction() == Direction.IN ? "received from " : "sent to ") + message.partner()
                        + "); unzip it and follow its VERIFY.md" + (report.ok() ? "" : "; SOME CHECKS FAILED"));
                return report.ok() ? 0 : 1;
            }
        } catch (GatewayException e) {
            System.out.println("log export: " + e.code().wireName() + ": " + e.getMessage());
            return 1;
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.out.println("problem: " + p));
            return 1;
        } catch (IllegalStateException | IllegalArgumentException | StoreException | IOException e) {
            System.out.println("log export: " + e.getMessage());
            return 1;
        }
    }

    /** Writes beside the target and moves it into place, so a failed export leaves no half zip. */
    private Evidence.Report write(Evidence evidence, StoredMessage message) throws IOException {
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".evidence-", ".zip.part");
        try {
            Evidence.Report report;
            try (OutputStream zip = Files.newOutputStream(partial)) {
                report = evidence.export(message.pk(), zip);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
