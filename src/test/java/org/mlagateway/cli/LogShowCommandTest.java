package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.Store;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;

/** {@code ./gateway log show <message-id>}: one message's timeline. */
class LogShowCommandTest {
    @TempDir
    static Path dir;

    static Path config;

    @BeforeAll
    static void deployment() {
        SampleDeployments.generate(dir.resolve("keys"));
        config = dir.resolve("keys/kz-gpo/gateway.yaml");
        GatewayConfig loaded = new ConfigLoader().load(config);
        try (Store store = Store.open(loaded.storage(), Clock.systemUTC())) {
            store.append(List.of(
                    LogEvent.of("received", "m-1", "c-1", "RU-GPO", Map.of("kind", "MLA_REQUEST")),
                    LogEvent.of("received", "m-2", "c-2", "RU-GPO", Map.of("kind", "TRANSIT_REQUEST")),
                    LogEvent.of("claimed", "m-1", "c-1", "mvd-investigation", Map.of("item", 1))));
        }
    }

    @Test
    void show_printsOnlyThatMessagesEntries_inOrder() {
        Cli.Result result = Cli.run("log", "show", "--config", config.toString(), "m-1");
        assertEquals(0, result.code(), result.out());
        List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result.out());
        assertTrue(
                lines.get(1).matches("1\\s+\\S+\\s+received\\s+RU-GPO\\s+\\{\"kind\":\"MLA_REQUEST\"}"), lines.get(1));
        assertTrue(lines.get(2).matches("3\\s+\\S+\\s+claimed\\s+mvd-investigation\\s+.*"), lines.get(2));
    }

    @Test
    void show_ofAnUnknownMessage_exitsOne() {
        Cli.Result result = Cli.run("log", "show", "--config", config.toString(), "nope");
        assertEquals(1, result.code());
        assertTrue(result.out().contains("no log entry names message nope"), result.out());
    }
}
