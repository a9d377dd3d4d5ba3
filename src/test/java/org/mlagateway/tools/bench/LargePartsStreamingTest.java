package org.mlagateway.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 96 MB document travels as an attachment part over TLS to a receiving gateway in a child JVM
 * whose whole heap is 80 MB: it is accepted and its receipt verifies only if no step holds the
 * document, or a copy of it, in memory. A regression to buffering fails here with
 * {@code TemporarilyUnavailable} (out of memory) or a broken connection.
 */
class LargePartsStreamingTest {
    @Test
    void aDocumentLargerThanTheReceiversHeap_isAcceptedWithItsReceiptVerified() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = LargePartsBenchmark.run(
                96,
                "80m",
                List.of(),
                null,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        String line = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, line);
        assertTrue(line.contains("ACCEPTED, receipt verified"), line);
    }
}
