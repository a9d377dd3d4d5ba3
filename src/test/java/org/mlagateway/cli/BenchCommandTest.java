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
        assertTrue(lines.get(1).matches("database +\\| accepted msg/s \\| +log appends/s \\| +log verify/s \\| chain"),
                lines.get(1));
        assertTrue(lines.get(2).matches("H2 \\(embedded\\) +\\| +\\d+\\.\\d \\| +\\d+ \\| +\\d+ \\| OK"), lines.get(2));
        boolean postgres = System.getenv("MLA_TEST_POSTGRES_URL") != null;
        assertEquals(postgres ? 4 : 3, lines.size(), String.join("\n", lines));
        if (postgres) {
            assertTrue(lines.get(3).matches("PostgreSQL +\\| +\\d+\\.\\d \\| +\\d+ \\| +\\d+ \\| OK"), lines.get(3));
        }
    }
}
