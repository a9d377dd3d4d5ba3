package org.mlagateway.cli;

import org.mlagateway.atrest.AtRest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.mlagateway.security.LogCheckpointing;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.token.Tokens;
import org.mlagateway.store.Checkpointing;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Message-log commands. */
@Command(name = "log", description = "The tamper-evident message log.",
        subcommands = {LogCommand.Verify.class, LogCommand.Show.class, LogSearch.class, LogExport.class},
        mixinStandardHelpOptions = true)
final class LogCommand extends GroupCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-walk the hash chain and check every checkpoint. Names the first entry that was"
                    + " altered, removed or reordered, and exits 1 if there is one (docs/message-log.md).")
    static final class Verify implements Callable<Integer> {
        static final long PROGRESS_EVERY = 100_000;

        @Option(names = "--config", required = true, description = "The gateway.yaml whose store to verify.")
        Path config;

        @Option(names = "--from", defaultValue = "1", description = "First seq to check (default ${DEFAULT-VALUE}).")
        long from;

        @Override
        public Integer call() {
            GatewayConfig loaded = Configs.loadOrReport(config, "log verify", System.out);
            if (loaded == null) {
                return 1;
            }
            // A signing key in a token is logged in to for the command's duration.
            try (Tokens tokens = new Tokens()) {
                Checkpointing checkpointing = LogCheckpointing.of(loaded.log(), new KeyStoreChainSigner(
                        KeyMaterial.ownKey(KeyMaterial.SIGNING, loaded.keys().signing(), tokens)));
                try (Store store = Store.open(loaded.storage(), Clock.systemUTC(), checkpointing,
                        AtRest.sealing(loaded.storage(), Clock.systemUTC()))) {
                    VerifyReport report = store.verify(from, progress());
                    System.out.println(describe(report));
                    return report.ok() ? 0 : 1;
                }
            } catch (IOException | GeneralSecurityException e) {
                System.out.println("log verify: cannot open the signing key: " + e.getMessage());
                return 1;
            } catch (IllegalStateException | StoreException e) {
                System.out.println("log verify: " + e.getMessage());
                return 1;
            }
        }

        static String describe(VerifyReport report) {
            String counts = "log verify: " + report.entriesChecked() + " entries checked, "
                    + report.checkpointsChecked() + " checkpoints, ";
            return report.problem().map(p -> counts + "FIRST BAD seq " + p.seq() + ": " + p.kind() + " (" + p.detail() + ")")
                    .orElse(counts + "OK");
        }

        private static ProgressListener progress() {
            long[] printed = {0};
            return (checked, lastSeq, endSeq) -> {
                if (checked / PROGRESS_EVERY > printed[0]) {
                    printed[0] = checked / PROGRESS_EVERY;
                    System.err.println("log verify: " + checked + " entries checked (seq " + lastSeq + " of " + endSeq + ")");
                }
            };
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the timeline of one message: every log entry about it, in order.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway.yaml whose store to read.")
        Path config;

        @picocli.CommandLine.Parameters(index = "0", description = "The message id.")
        String messageId;

        @Override
        public Integer call() {
            GatewayConfig loaded = Configs.loadOrReport(config, "log show", System.out);
            if (loaded == null) {
                return 1;
            }
            try (Store store = Store.open(loaded.storage(), Clock.systemUTC(), null,
                    AtRest.sealing(loaded.storage(), Clock.systemUTC()))) {
                var entries = store.timeline(messageId);
                if (entries.isEmpty()) {
                    System.out.println("log show: no log entry names message " + messageId);
                    return 1;
                }
                System.out.printf("%-8s %-27s %-20s %-22s %s%n", "seq", "time", "event", "actor", "details");
                entries.forEach(e -> System.out.printf("%-8d %-27s %-20s %-22s %s%n", e.seq(), e.at(), e.event(),
                        e.actor(), e.details()));
                return 0;
            }
        }
    }
}
