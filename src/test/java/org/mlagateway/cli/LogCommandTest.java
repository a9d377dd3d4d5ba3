package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.store.Checkpointing;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.Queue;
import org.mlagateway.store.Routing;
import org.mlagateway.store.Store;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;

/**
 * {@code ./gateway log verify} and {@code log anchor} on a generated deployment's embedded store. Each
 * test has its own store: a copy of the sample gateway.yaml beside the original (so that its relative
 * paths still resolve) with its own {@code dataDir}, where the anchor file also lives.
 */
class LogCommandTest {
    @TempDir
    static Path dir;

    static Path sample;

    @BeforeAll
    static void deployment() {
        SampleDeployments.generate(dir.resolve("keys"));
        sample = dir.resolve("keys/kz-gpo/gateway.yaml");
    }

    /** A configuration of the sample gateway with its store (and anchor file) in {@code data-<name>}. */
    private static Path config(String name) throws Exception {
        Path file = sample.resolveSibling("gateway-" + name + ".yaml");
        String yaml = Files.readString(sample).replace("dataDir: data ", "dataDir: data-" + name + " ");
        Files.writeString(file, yaml);
        return file;
    }

    private static Path dataDir(String name) {
        return sample.resolveSibling("data-" + name);
    }

    /** Writes entries through a store opened as the gateway would (the sample checkpoints every 100). */
    private static void append(Path config, int count) {
        GatewayConfig loaded = new ConfigLoader().load(config);
        Checkpointing checkpointing = LogCheckpointing.of(
                loaded.log(),
                loaded.storage().dataDir(),
                KeyStoreChainSigner.load(loaded.keys().signing()));
        try (Store store = Store.open(loaded.storage(), Clock.systemUTC(), checkpointing)) {
            List<LogEvent> batch = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                batch.add(LogEvent.of("translated", "m-" + i, null, "translator", Map.of("n", i)));
                if (batch.size() == 100) {
                    store.append(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                store.append(batch);
            }
            assertTrue(store.awaitCheckpoints(Duration.ofSeconds(60)));
        }
    }

    private static void sql(String name, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:"
                        + dataDir(name).resolve("gateway") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** What an insider with write access does: cut the newest entries and checkpoints, and move the head back. */
    private static void cutTo(String name, int seq) throws Exception {
        sql(
                name,
                "DELETE FROM message_log WHERE seq > " + seq,
                "DELETE FROM log_checkpoints WHERE seq > " + seq,
                "UPDATE log_head SET seq = " + seq + ", hash = (SELECT hash FROM message_log WHERE seq = " + seq + ")");
    }

    private static Cli.Result verify(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("log", "verify", "--config", config.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new)).stripped();
    }

    @Test
    void verify_onAnIntactLog_countsEntriesCheckpointsAndAnchors_andExitsZero() throws Exception {
        Path config = config("intact");
        append(config, 2500);

        assertEquals(new Cli.Result(0, """
                log verify: 2500 entries checked, 25 checkpoints, OK
                log verify: state: 0 queue items, 0 messages, 0 receipts agree with the log
                log verify: 25 anchored checkpoints in 1 anchor file(s), last anchored seq 2500,\
                 OK"""), verify(config));
        assertEquals(new Cli.Result(0, """
                log verify: 1501 entries checked, 16 checkpoints, OK
                log verify: state cross-check skipped (it replays the log from seq 1)
                log verify: 25 anchored checkpoints in 1 anchor file(s), last anchored seq 2500,\
                 OK"""), verify(config, "--from", "1000"));

        sql("intact", "UPDATE message_log SET actor = 'mallory' WHERE seq = 1234");
        assertEquals(new Cli.Result(1, """
                log verify: 1233 entries checked, 12 checkpoints, FIRST BAD seq 1234: ALTERED (fields do not match\
                 the stored hash)
                log verify: 25 anchored checkpoints in 1 anchor file(s), last anchored seq 2500,\
                 OK"""), verify(config));
    }

    @Test
    void aLogCutBelowAnAnchoredCheckpoint_withItsHeadMovedBack_isTruncated() throws Exception {
        Path config = config("cut");
        append(config, 250);
        Path exported = dir.resolve("cut-anchor.txt");
        assertEquals(
                new Cli.Result(
                        0, "log anchor: wrote " + exported + ": checkpoint at seq 200, not yet" + " time-stamped"),
                Cli.run("log", "anchor", "--config", config.toString(), "--out", exported.toString())
                        .stripped());

        cutTo("cut", 150);

        Cli.Result result = verify(config);
        assertEquals(new Cli.Result(1, """
                log verify: 150 entries checked, 1 checkpoints, OK
                log verify: state: 0 queue items, 0 messages, 0 receipts agree with the log
                log verify: TRUNCATED at seq 200: the store's log ends at seq 150 but log-anchor.txt line 3\
                 anchors a checkpoint at seq 200 (last anchored seq 200)
                log verify: 2 anchored checkpoints in 1 anchor file(s), last anchored seq 200, FAILED"""), result);

        Files.delete(dataDir("cut").resolve("log-anchor.txt"));
        Cli.Result withExported = verify(config, "--anchor", exported.toString());
        assertEquals(1, withExported.code());
        assertTrue(
                withExported
                        .out()
                        .contains("TRUNCATED at seq 200: the store's log ends at seq 150 but"
                                + " cut-anchor.txt line 2 anchors a checkpoint at seq 200"),
                withExported.out());
    }

    @Test
    void withoutTheAnchorFile_verifyWarnsThatThereIsNoExternalAnchor() throws Exception {
        Path config = config("unanchored");
        append(config, 250);
        cutTo("unanchored", 150);
        Files.delete(dataDir("unanchored").resolve("log-anchor.txt"));

        Cli.Result result = verify(config);

        assertEquals(0, result.code(), result.out());
        assertTrue(result.out().startsWith("log verify: 150 entries checked, 1 checkpoints, OK\n"), result.out());
        assertTrue(result.out().contains("log verify: WARNING: no external anchor"), result.out());
    }

    @Test
    void aLogRolledBackAndWrittenAgain_isRolledBack() throws Exception {
        Path config = config("rewritten");
        append(config, 250);
        cutTo("rewritten", 150);
        append(config, 50); // new entries take seqs 151..200 again, and the gateway signs a new checkpoint at 200

        Cli.Result result = verify(config);

        assertEquals(1, result.code(), result.out());
        assertTrue(result.out().startsWith("log verify: 200 entries checked, 2 checkpoints, OK\n"), result.out());
        assertTrue(
                result.out()
                        .contains("log verify: ROLLED_BACK at seq 200: log-anchor.txt line 3 and"
                                + " log-anchor.txt line 4 name different hashes for seq 200"),
                result.out());
        assertTrue(
                result.out()
                        .contains("log verify: ROLLED_BACK at seq 200: log-anchor.txt line 3: the entry at"
                                + " seq 200 no longer has the anchored hash"),
                result.out());
    }

    @Test
    void aCheckpointWhoseHashWasRewritten_isRolledBackAgainstTheAnchor() throws Exception {
        Path config = config("rehashed");
        append(config, 250);
        sql(
                "rehashed",
                "UPDATE log_checkpoints SET entry_hash = (SELECT hash FROM message_log WHERE seq = 199)"
                        + " WHERE seq = 200");

        Cli.Result result = verify(config);

        assertEquals(1, result.code(), result.out());
        assertTrue(result.out().contains("FIRST BAD seq 200: BAD_CHECKPOINT"), result.out());
        assertTrue(
                result.out()
                        .contains("log verify: ROLLED_BACK at seq 200: log-anchor.txt line 3: the stored"
                                + " checkpoint at seq 200 names another hash than the anchored one"),
                result.out());
    }

    @Test
    void anAnchorWithABadSignature_isABadAnchor() throws Exception {
        Path config = config("forged");
        append(config, 100);
        Path exported = dir.resolve("forged-anchor.txt");
        assertEquals(
                0,
                Cli.run("log", "anchor", "--config", config.toString(), "--out", exported.toString())
                        .code());
        String line = Files.readAllLines(exported).get(1);
        int sig = line.indexOf(" sig=") + 5;
        char flipped = line.charAt(sig) == 'A' ? 'B' : 'A';
        Files.writeString(exported, line.substring(0, sig) + flipped + line.substring(sig + 1) + "\n");

        Cli.Result result = verify(config, "--anchor", exported.toString());

        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.out()
                        .contains("log verify: BAD_ANCHOR at seq 100: forged-anchor.txt line 1:"
                                + " checkpoint signature does not verify"),
                result.out());
    }

    @Test
    void anchor_withoutACheckpoint_exitsOne() throws Exception {
        Path config = config("empty");
        append(config, 10);

        assertEquals(
                new Cli.Result(1, "log anchor: the log has no signed checkpoint yet"),
                Cli.run(
                                "log",
                                "anchor",
                                "--config",
                                config.toString(),
                                "--out",
                                dir.resolve("none.txt").toString())
                        .stripped());
    }

    /** A re-routed item leaves the chain intact; verify names it and exits 1. */
    @Test
    void verify_namesAQueueItemThatTheLogDoesNotExplain_andExitsOne() throws Exception {
        Path config = config("state");
        GatewayConfig loaded = new ConfigLoader().load(config);
        long item;
        try (Store store = Store.open(loaded.storage(), Clock.systemUTC())) {
            byte[] xml = "<msg:Message id=\"m-1\"/>".getBytes(StandardCharsets.UTF_8);
            store.accept(new IncomingMessage(
                    "m-1",
                    "RU-GPO",
                    "MutualLegalAssistanceRequest",
                    null,
                    "c-1",
                    null,
                    xml,
                    xml,
                    MessageDigest.getInstance("SHA-256").digest(xml),
                    List.of(),
                    Routing.to(Queue.FORWARDING, "KZ-MVD", 5),
                    null));
            item = store.claim(Queue.FORWARDING, "KZ-MVD", "mvd-1", 1, Duration.ofMinutes(5))
                    .get(0)
                    .id();
            store.ack(item, "mvd-1");
        }
        Cli.Result intact = verify(config);
        assertEquals(0, intact.code(), intact.out());
        assertTrue(
                intact.out()
                        .startsWith("log verify: 5 entries checked, 0 checkpoints, OK\n"
                                + "log verify: state: 1 queue items, 1 messages, 0 receipts agree with the log\n"),
                intact.out());

        sql("state", "UPDATE queue_items SET target = 'KZ-FSB' WHERE id = " + item);

        Cli.Result rerouted = verify(config);
        assertEquals(1, rerouted.code(), rerouted.out());
        assertTrue(
                rerouted.out()
                        .startsWith("log verify: 5 entries checked, 0 checkpoints, OK\n"
                                + "log verify: STATE_MISMATCH queue_items id=" + item
                                + " field=target log=KZ-MVD table=KZ-FSB\n"
                                + "log verify: state: 1 rows disagree with the log; 1 queue items, 1"
                                + " messages, 0 receipts checked\n"),
                rerouted.out());
    }

    @Test
    void verify_withAnUnreadableConfiguration_exitsOne() {
        assertEquals(
                1,
                Cli.run("log", "verify", "--config", dir.resolve("missing.yaml").toString())
                        .code());
    }
}
