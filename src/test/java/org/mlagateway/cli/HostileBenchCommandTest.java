package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small run of {@code ./gateway bench hostile}: a gateway in a child JVM with -Xmx512m under both
 * floods (stalled large bodies, idle TLS connections beyond a connection limit of 16) while a
 * legitimate partner delivers; every delivery is accepted, /health answers, the process lives.
 */
class HostileBenchCommandTest {
    @Test
    void benchHostile_smallRun_acceptsEveryLegitimateDelivery_andTheGatewaySurvives() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Main.run(
                    "bench",
                    "hostile",
                    "--seconds",
                    "6",
                    "--stalled",
                    "4",
                    "--stalled-megabytes",
                    "2",
                    "--idle",
                    "40",
                    "--flood-addresses",
                    "4",
                    "--legitimate",
                    "3",
                    "--max-connections",
                    "16");
        } finally {
            System.setOut(saved);
        }
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(
                lines.get(0)
                        .matches("hostile: 3/3 legitimate deliveries accepted during the flood,"
                                + " /health p99 \\d+ ms, process alive"),
                lines.get(0));
        assertEquals(0, code, lines.get(0));
    }
}
