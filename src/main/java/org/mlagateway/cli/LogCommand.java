package org.mlagateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.NextKeyConfig;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.security.SigningKeys;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.token.Tokens;
import org.mlagateway.store.AnchorFile;
import org.mlagateway.store.AnchorReport;
import org.mlagateway.store.Checkpoint;
import org.mlagateway.store.CheckpointVerifier;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.StateReport;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Message-log commands. */
@Command(
        name = "log",
        description = "The tamper-evident message log.",
        subcommands = {
            LogCommand.Verify.class,
            LogCommand.Anchor.class,
            LogCommand.Show.class,
            LogSearch.class,
            LogExport.class
        },
        mixinStandardHelpOptions = true)
final class LogCommand extends GroupCommand {

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Re-walk the hash chain and check every checkpoint, replay the log against the queue"
                    + " items, message statuses and receipt rows, then compare the store with the configured"
                    + " anchor file and every --anchor. Names the first entry that was altered, removed or"
                    + " reordered, every row the log does not explain, a log cut below an anchored checkpoint"
                    + " (TRUNCATED), a rewritten anchored checkpoint (ROLLED_BACK) or an anchor that does not"
                    + " verify (BAD_ANCHOR), and exits 1 if there is one (docs/message-log.md).")
    static final class Verify implements Callable<Integer> {
        static final long PROGRESS_EVERY = 100_000;

        @Option(names = "--config", required = true, description = "The gateway.yaml whose store to verify.")
        Path config;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Option(names = "--from", defaultValue = "1", description = "First seq to check (default ${DEFAULT-VALUE}).")
        long from;

        @Option(names = "--anchor", description = "An anchor file written by 'log anchor' (repeatable).")
        List<Path> anchors = new ArrayList<>();

        @Override
        public Integer call() {
            GatewayConfig loaded = storeOptions.load(config, "log verify", System.out);
            if (loaded == null) {
                return 1;
            }
            CheckpointVerifier auditor = auditorOrReport(loaded, "log verify");
            if (auditor == null) {
                return 1;
            }
            try (Tokens tokens = new Tokens();
                    Store store = openForAudit(loaded, auditor, tokens)) {
                VerifyReport report = store.verify(from, progress());
                System.out.println(describe(report));
                // The replay trusts the entries it reads: only a chain found intact is replayed.
                boolean stateOk = report.ok() && crossCheck(store, from);
                boolean anchorsOk = compareWithAnchors(loaded, store);
                return report.ok() && stateOk && anchorsOk ? 0 : 1;
            } catch (IllegalStateException | StoreException e) {
                System.out.println("log verify: " + e.getMessage());
                return 1;
            }
        }

        private boolean compareWithAnchors(GatewayConfig loaded, Store store) {
            List<AnchorFile.Anchor> read = new ArrayList<>();
            List<Path> found = new ArrayList<>();
            boolean ok = true;
            for (Path configured : loaded.log().anchorFiles(loaded.storage().dataDir())) {
                if (Files.isRegularFile(configured)) {
                    found.add(configured);
                } else {
                    System.out.println("log verify: the configured anchor file " + configured + " is absent");
                }
            }
            found.addAll(anchors);
            if (found.isEmpty()) {
                System.out.println("log verify: WARNING: no external anchor: a log cut off at its end, with its"
                        + " checkpoints and log_head, cannot be told from a shorter log (docs/message-log.md)");
                return true;
            }
            for (Path file : found) {
                try {
                    read.addAll(AnchorFile.read(file));
                } catch (IOException e) {
                    System.out.println("log verify: BAD_ANCHOR: cannot read " + file + ": " + e.getMessage());
                    ok = false;
                } catch (AnchorFile.BadAnchorException e) {
                    System.out.println("log verify: BAD_ANCHOR: " + file.getFileName() + ": " + e.getMessage());
                    ok = false;
                }
            }
            AnchorReport report = store.verifyAnchors(read);
            for (AnchorReport.Problem p : report.problems()) {
                System.out.println("log verify: " + p.kind() + " at seq " + p.seq() + ": " + p.detail());
            }
            System.out.println("log verify: " + report.anchorsChecked() + " anchored checkpoints in " + found.size()
                    + " anchor file(s), last anchored seq " + report.highestAnchoredSeq() + ", "
                    + (report.ok() && ok ? "OK" : "FAILED"));
            return ok && report.ok();
        }

        /**
         * Compares the queue items, message statuses and receipts with what the log says happened; only
         * for a walk from seq 1, since the replay needs every entry.
         */
        static boolean crossCheck(Store store, long from) {
            if (from != 1) {
                System.out.println("log verify: state cross-check skipped (it replays the log from seq 1)");
                return true;
            }
            StateReport state = store.crossCheckState(progress());
            state.findings().forEach(f -> System.out.println("log verify: " + f.describe()));
            if (state.findingCount() > state.findings().size()) {
                System.out.println("log verify: and "
                        + (state.findingCount() - state.findings().size()) + " more findings");
            }
            System.out.println(describe(state));
            return state.ok();
        }

        static String describe(StateReport state) {
            String counts = state.queueItems() + " queue items, " + state.messages() + " messages, " + state.receipts()
                    + " receipts";
            String old = state.notDerivable() == 0
                    ? ""
                    : " (" + state.notDerivable() + " log entries say too little to derive state from)";
            return state.ok()
                    ? "log verify: state: " + counts + " agree with the log" + old
                    : "log verify: state: " + state.findingCount() + " rows disagree with the log; " + counts
                            + " checked" + old;
        }

        static String describe(VerifyReport report) {
            String counts = "log verify: " + report.entriesChecked() + " entries checked, "
                    + report.checkpointsChecked() + " checkpoints, ";
            return report.problem()
                    .map(p -> counts + "FIRST BAD seq " + p.seq() + ": " + p.kind() + " (" + p.detail() + ")")
                    .orElse(counts + "OK");
        }

        private static ProgressListener progress() {
            long[] printed = {0};
            return (checked, lastSeq, endSeq) -> {
                if (checked / PROGRESS_EVERY > printed[0]) {
                    printed[0] = checked / PROGRESS_EVERY;
                    System.err.println(
                            "log verify: " + checked + " entries checked (seq " + lastSeq + " of " + endSeq + ")");
                }
            };
        }
    }

    /**
     * Judges checkpoints and anchors by this gateway's signing root and its configured TSAs. A signing key
     * in a token is logged in to only to read its certificate chain.
     */
    /** The checkpoint verifier of our signing key, or null after saying why it cannot be had. */
    private static CheckpointVerifier auditorOrReport(GatewayConfig loaded, String command) {
        try {
            return auditor(loaded);
        } catch (IOException | GeneralSecurityException e) {
            System.out.println(command + ": cannot open the signing key: " + e.getMessage());
            return null;
        }
    }

    /** The store as an audit opens it: no checkpoint worker, with its sealer when it is encrypted at rest. */
    private static Store openForAudit(GatewayConfig loaded, CheckpointVerifier auditor, Tokens tokens) {
        Clock clock = Clock.systemUTC();
        return Store.openForAudit(loaded.storage(), clock, auditor, AtRest.sealing(loaded.storage(), clock, tokens));
    }

    static CheckpointVerifier auditor(GatewayConfig loaded) throws IOException, GeneralSecurityException {
        try (Tokens tokens = new Tokens()) {
            IssuedKey current =
                    KeyMaterial.ownKey(KeyMaterial.SIGNING, loaded.keys().signing(), tokens);
            NextKeyConfig next = loaded.keys().signing().next();
            // During a rollover checkpoints from the switch on are signed by the next key: both roots are trusted.
            SigningKeys keys = next == null
                    ? SigningKeys.single(current)
                    : new SigningKeys(
                            current,
                            KeyMaterial.ownKey(KeyMaterial.SIGNING + ".next", next.key(), tokens),
                            next.from());
            return LogCheckpointing.auditor(loaded.log(), new KeyStoreChainSigner(keys).roots());
        }
    }

    @Command(
            name = "anchor",
            mixinStandardHelpOptions = true,
            description = "Write the newest signed (and, once stamped, time-stamped) checkpoint to a small file that"
                    + " an auditor or a partner can keep and later give to 'log verify --anchor'.")
    static final class Anchor implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway.yaml whose store to read.")
        Path config;

        @Option(names = "--out", required = true, description = "The anchor file to write.")
        Path out;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Override
        public Integer call() {
            GatewayConfig loaded = storeOptions.load(config, "log anchor", System.out);
            if (loaded == null) {
                return 1;
            }
            CheckpointVerifier auditor = auditorOrReport(loaded, "log anchor");
            if (auditor == null) {
                return 1;
            }
            try (Tokens tokens = new Tokens();
                    Store store = openForAudit(loaded, auditor, tokens)) {
                Checkpoint cp = store.newestCheckpoint().orElse(null);
                if (cp == null) {
                    System.out.println("log anchor: the log has no signed checkpoint yet");
                    return 1;
                }
                var entry = store.logPage(cp.seq() - 1, cp.seq(), 1);
                var problem = entry.isEmpty()
                        ? java.util.Optional.of("its entry is absent")
                        : store.checkpointProblem(cp, entry.get(0));
                if (problem.isPresent()) {
                    System.out.println("log anchor: the newest checkpoint (seq " + cp.seq() + ") does not verify: "
                            + problem.get() + "; run log verify");
                    return 1;
                }
                AnchorFile.export(cp, out);
                System.out.println("log anchor: wrote " + out + ": checkpoint at seq " + cp.seq() + ", "
                        + (cp.timestampToken() != null ? "time-stamped" : "not yet time-stamped"));
                return 0;
            } catch (IOException e) {
                System.out.println("log anchor: cannot write " + out + ": " + e.getMessage());
                return 1;
            } catch (IllegalStateException | StoreException e) {
                System.out.println("log anchor: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print the timeline of one message: every log entry about it, in order.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The gateway.yaml whose store to read.")
        Path config;

        @picocli.CommandLine.Parameters(index = "0", description = "The message id.")
        String messageId;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Override
        public Integer call() {
            GatewayConfig loaded = storeOptions.load(config, "log show", System.out);
            if (loaded == null) {
                return 1;
            }
            try (Tokens tokens = new Tokens();
                    Store store = Store.open(
                            loaded.storage(),
                            Clock.systemUTC(),
                            null,
                            AtRest.sealing(loaded.storage(), Clock.systemUTC(), tokens),
                            Store.Access.JOIN)) {
                var entries = store.timeline(messageId);
                if (entries.isEmpty()) {
                    System.out.println("log show: no log entry names message " + messageId);
                    return 1;
                }
                System.out.printf("%-8s %-27s %-20s %-22s %s%n", "seq", "time", "event", "actor", "details");
                entries.forEach(e -> System.out.printf(
                        "%-8d %-27s %-20s %-22s %s%n", e.seq(), e.at(), e.event(), e.actor(), e.details()));
                return 0;
            } catch (IllegalStateException | StoreException e) {
                System.out.println("log show: " + e.getMessage());
                return 1;
            }
        }
    }
}
