package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private static String[] run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            int code = Main.run(args);
            return new String[] {Integer.toString(code), buffer.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void show_printsOnlyThatMessagesEntries_inOrder() {
        String[] result = run("log", "show", "--config", config.toString(), "m-1");
        assertEquals("0", result[0], result[1]);
        List<String> lines = result[1].lines().toList();
        assertEquals(3, lines.size(), result[1]);
        assertTrue(lines.get(1).matches("1\\s+\\S+\\s+received\\s+RU-GPO\\s+\\{\"kind\":\"MLA_REQUEST\"}"), lines.get(1));
        assertTrue(lines.get(2).matches("3\\s+\\S+\\s+claimed\\s+mvd-investigation\\s+.*"), lines.get(2));
    }

    @Test
    void show_ofAnUnknownMessage_exitsOne() {
        String[] result = run("log", "show", "--config", config.toString(), "nope");
        assertEquals("1", result[0]);
        assertTrue(result[1].contains("no log entry names message nope"), result[1]);
    }
}
