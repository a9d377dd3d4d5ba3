package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny smoke run of {@code ./gateway bench exchange}: every part runs, prints its row and writes the JSON. */
class ExchangeBenchCommandTest {
    @Test
    void benchExchange_tinyCorpus_printsTheTable_andWritesTheJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("exchange.json");
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Main.run(
                    "bench",
                    "exchange",
                    "--rounds",
                    "1",
                    "--messages",
                    "12",
                    "--concurrency",
                    "1,4",
                    "--open-loop-seconds",
                    "1",
                    "--outbound",
                    "3",
                    "--out",
                    json.toString());
        } finally {
            System.setOut(saved);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();

        assertEquals(0, code, output);
        assertTrue(lines.get(0).startsWith("exchange benchmark: "), output);
        assertTrue(lines.get(1).startsWith("system "), output);
        assertTrue(lines.stream().anyMatch(l -> l.matches("baseline +\\| +4 \\| .*")), output);
        assertTrue(lines.stream().anyMatch(l -> l.matches("gateway \\(H2\\) +\\| +4 \\| .*")), output);
        assertTrue(output.contains("outbound to a partner gateway: 3/3 delivered with receipts verified"), output);
        String report = Files.readString(json);
        for (String key : List.of(
                "gateway_vs_baseline",
                "gateway_vs_floor",
                "gateway_msgs_per_s",
                "baseline_msgs_per_s",
                "floor_msgs_per_s",
                "p99_ms_half_load",
                "cores",
                "details")) {
            assertTrue(report.contains("\"" + key + "\": "), key + " missing in " + report);
        }
    }

    @Test
    void benchLarge_smallMessage_isAcceptedByTheChildJvm_withItsReceiptVerified() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Main.run("bench", "large", "--megabytes", "1", "--heap", "256m");
        } finally {
            System.setOut(saved);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, output);
        assertTrue(output.contains("ACCEPTED, receipt verified"), output);
    }
}
