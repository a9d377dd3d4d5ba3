package org.mlagateway.cli;

import org.mlagateway.security.LogCheckpointing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
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
import org.mlagateway.store.LogEvent;
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

        assertEquals(new Cli.Result(0, "log verify: 2500 entries checked, 25 checkpoints, OK"), result);
        assertEquals(new Cli.Result(0, "log verify: 1501 entries checked, 16 checkpoints, OK"),
                Cli.run("log", "verify", "--config", config.toString(), "--from", "1000").stripped());

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("keys/kz-gpo/data/gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"); Statement s = c.createStatement()) {
            s.execute("UPDATE message_log SET actor = 'mallory' WHERE seq = 1234");
        }
        assertEquals(new Cli.Result(1, "log verify: 1233 entries checked, 12 checkpoints,"
                + " FIRST BAD seq 1234: ALTERED (fields do not match the stored hash)"),
                Cli.run("log", "verify", "--config", config.toString()).stripped());
    }

    @Test
    void verify_withAnUnreadableConfiguration_exitsOne() {
        assertEquals(1, Cli.run("log", "verify", "--config", dir.resolve("missing.yaml").toString()).code());
    }
}
