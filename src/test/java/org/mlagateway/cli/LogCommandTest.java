package org.mlagateway.cli;

import org.mlagateway.security.LogCheckpointing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
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
import org.mlagateway.store.Checkpointing;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.Queue;
import org.mlagateway.store.Routing;
import org.mlagateway.store.Store;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;

/** {@code ./gateway log verify} on a generated deployment's embedded store. */
class LogCommandTest {
    @TempDir
    static Path dir;

    static Path config;

    @BeforeAll
    static void deployment() {
        SampleDeployments.generate(dir.resolve("keys"));
        config = dir.resolve("keys/kz-gpo/gateway.yaml");
    }

    /** Writes entries through a store opened as the gateway would (the sample checkpoints every 100). */
    private static void append(int count) {
        GatewayConfig loaded = new ConfigLoader().load(config);
        Checkpointing checkpointing = LogCheckpointing.of(loaded.log(), KeyStoreChainSigner.load(loaded.keys().signing()));
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
        }
    }

    @Test
    void verify_onAnIntactLog_countsEntriesAndCheckpoints_andExitsZero() throws Exception {
        append(2500);

        Cli.Result result = Cli.run("log", "verify", "--config", config.toString()).stripped();

        assertEquals(new Cli.Result(0, "log verify: 2500 entries checked, 25 checkpoints, OK\n"
                + "log verify: state: 0 queue items, 0 messages, 0 receipts agree with the log"), result);
        assertEquals(new Cli.Result(0, "log verify: 1501 entries checked, 16 checkpoints, OK\n"
                + "log verify: state cross-check skipped (it replays the log from seq 1)"),
                Cli.run("log", "verify", "--config", config.toString(), "--from", "1000").stripped());

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("keys/kz-gpo/data/gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"); Statement s = c.createStatement()) {
            s.execute("UPDATE message_log SET actor = 'mallory' WHERE seq = 1234");
        }
        assertEquals(new Cli.Result(1, "log verify: 1233 entries checked, 12 checkpoints,"
                + " FIRST BAD seq 1234: ALTERED (fields do not match the stored hash)"),
                Cli.run("log", "verify", "--config", config.toString()).stripped());
    }

    /**
     * A re-routed item leaves the chain intact; verify names it and exits 1. A deployment of its own, so
     * that its store holds real messages.
     */
    @Test
    void verify_namesAQueueItemThatTheLogDoesNotExplain_andExitsOne() throws Exception {
        Path own = SampleDeployments.generate(dir.resolve("state")).resolve("kz-gpo/gateway.yaml");
        GatewayConfig loaded = new ConfigLoader().load(own);
        long item;
        try (Store store = Store.open(loaded.storage(), Clock.systemUTC())) {
            byte[] xml = "<msg:Message id=\"m-1\"/>".getBytes(StandardCharsets.UTF_8);
            store.accept(new IncomingMessage("m-1", "RU-GPO", "MutualLegalAssistanceRequest", null, "c-1", null,
                    xml, xml, MessageDigest.getInstance("SHA-256").digest(xml), List.of(),
                    Routing.to(Queue.FORWARDING, "KZ-MVD", 5), null));
            item = store.claim(Queue.FORWARDING, "KZ-MVD", "mvd-1", 1, Duration.ofMinutes(5)).get(0).id();
            store.ack(item, "mvd-1");
        }
        assertEquals(new Cli.Result(0, "log verify: 5 entries checked, 0 checkpoints, OK\n"
                + "log verify: state: 1 queue items, 1 messages, 0 receipts agree with the log"),
                Cli.run("log", "verify", "--config", own.toString()).stripped());

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("state/kz-gpo/data/gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"); Statement s = c.createStatement()) {
            s.execute("UPDATE queue_items SET target = 'KZ-FSB' WHERE id = " + item);
        }

        assertEquals(new Cli.Result(1, "log verify: 5 entries checked, 0 checkpoints, OK\n"
                + "log verify: STATE_MISMATCH queue_items id=" + item + " field=target log=KZ-MVD table=KZ-FSB\n"
                + "log verify: state: 1 rows disagree with the log; 1 queue items, 1 messages, 0 receipts checked"),
                Cli.run("log", "verify", "--config", own.toString()).stripped());
    }

    @Test
    void verify_withAnUnreadableConfiguration_exitsOne() {
        assertEquals(1, Cli.run("log", "verify", "--config", dir.resolve("missing.yaml").toString()).code());
    }
}
