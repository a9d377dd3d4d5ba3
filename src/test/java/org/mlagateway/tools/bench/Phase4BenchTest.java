package org.mlagateway.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench as4} at a tiny size: phase4's child JVM starts from the test class path, builds the
 * messages, and both receivers answer every one of them with a receipt at each concurrency. No
 * figure is asserted; the command measures.
 */
class Phase4BenchTest {
    @Test
    void bothReceivers_answerTheSameSignedAndEncryptedMessages_withReceipts() throws Exception {
        As4Benchmark.Result result = new As4Benchmark(Path.of("."), List.of(1, 4), 8, System.out).run();
        System.out.println(result.line());
        assertTrue(result.ok(), result::line);
        assertEquals(2, result.levels().size());
        for (As4Benchmark.Level level : result.levels()) {
            assertEquals(8, level.ours().ok(), result::line);
            assertEquals(8, level.phase4().ok(), result::line);
        }
    }
}
