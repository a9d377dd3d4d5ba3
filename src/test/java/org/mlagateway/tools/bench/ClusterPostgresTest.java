package org.mlagateway.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench cluster} kept small for CI: two receiving KZ-GPO nodes and one sending RU-GPO node,
 * child JVMs on one PostgreSQL in throw-away schemas, a few SIGKILLs, no database restart (other
 * tests share the server). Nothing is lost or stored twice, both logs verify, every accepted message
 * has its issued receipt, and a killed sender's items are delivered within 15 s of the kill.
 */
class ClusterPostgresTest {
    private static final String POSTGRES_ENV = "MLA_TEST_POSTGRES_URL";

    @BeforeAll
    static void announce() {
        if (System.getenv(POSTGRES_ENV) == null) {
            System.out.println("NOTICE: " + POSTGRES_ENV + " not set: PostgreSQL tests skipped (ClusterPostgresTest)");
        }
    }

    @Test
    void twoNodes_killedAFewTimesUnderLoad_loseNothing() throws Exception {
        Assumptions.assumeTrue(System.getenv(POSTGRES_ENV) != null, POSTGRES_ENV + " not set");
        ClusterBenchmark.Result result = new ClusterBenchmark(
                        System.getenv(POSTGRES_ENV),
                        2,
                        4,
                        40,
                        null,
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(3),
                        System.out)
                .run();
        System.out.println(result.line());
        assertEquals(4, result.kills(), result::line);
        assertEquals(0, result.lost(), result::line);
        assertEquals(0, result.duplicated(), result::line);
        assertEquals(result.committed(), result.delivered(), result::line);
        assertTrue(result.committed() >= 40, result::line);
        assertTrue(result.logsVerify(), result::line);
        assertEquals(0, result.receiptsMissing(), result::line);
        assertTrue(result.takeoverMaxSeconds() < 15, result::line);
    }
}
