package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tiny smoke run of {@code ./gateway bench store}: it measures and prints the table. */
class BenchCommandTest {
    @Test
    void benchStore_smokeRun_printsOneRowPerDatabase_withAVerifiedChain() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Main.run("bench", "store", "--messages", "200", "--entries", "2000");
        } finally {
            System.setOut(saved);
        }
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(0, code, String.join("\n", lines));
        assertEquals("store benchmark: 200 messages of 20 KB accepted by 4 threads; log of 2000 entries", lines.get(0));
        assertTrue(
                lines.get(1).matches("database +\\| accepted msg/s \\| +log appends/s \\| +log verify/s \\| chain"),
                lines.get(1));
        assertTrue(lines.get(2).matches("H2 \\(embedded\\) +\\| +\\d+\\.\\d \\| +\\d+ \\| +\\d+ \\| OK"), lines.get(2));
        boolean postgres = System.getenv("MLA_TEST_POSTGRES_URL") != null;
        int databases = postgres ? 2 : 1;
        assertEquals(2 * databases + 4, lines.size(), String.join("\n", lines));
        if (postgres) {
            assertTrue(lines.get(3).matches("PostgreSQL +\\| +\\d+\\.\\d \\| +\\d+ \\| +\\d+ \\| OK"), lines.get(3));
        }
        int growth = databases + 2;
        assertEquals(
                "message log per 1,000 accepted messages (checkpoints every 1000 entries, anchor file); accept"
                        + " p99 with checkpoints every 50 entries, 4 writers:",
                lines.get(growth));
        assertTrue(
                lines.get(growth + 1)
                        .matches("database +\\| +entries \\| +log\\+cp bytes \\| +anchor bytes \\|"
                                + " checkpoints \\| +p99 no TSA \\| p99 TSA hangs"),
                lines.get(growth + 1));
        // 200 accepts with a checkpoint every 50 entries: the hanging TSA leaves every checkpoint unstamped.
        assertTrue(
                lines.get(growth + 2)
                        .matches("H2 \\(embedded\\) +\\| +\\d+ \\| +\\d+ \\| +\\d+ \\| +\\d+\\.\\d"
                                + " \\| +\\d+\\.\\d ms \\| \\d+\\.\\d ms \\([1-9]\\d* unstamped\\)"),
                lines.get(growth + 2));
    }
}
