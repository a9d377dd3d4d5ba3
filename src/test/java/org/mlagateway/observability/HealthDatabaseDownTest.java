package org.mlagateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * A gateway whose database is a separate server (H2 over TCP on a free port) is ready while the
 * server runs; once it stops, {@code /health} answers 503 within the probe's timeout, says the
 * database is unreachable, and {@code /metrics} still answers, reporting the store down.
 */
class HealthDatabaseDownTest {
    @TempDir
    Path dir;

    @Test
    void databaseUnreachable_healthIs503_andMetricsReportTheStoreDown() throws SQLException, IOException {
        Server database = Server.createTcpServer(
                        "-tcpPort",
                        "0",
                        "-ifNotExists",
                        "-baseDir",
                        dir.resolve("db").toString())
                .start();
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        GatewayConfig sample = TwoGateways.config(deployment, "kz-gpo", dir.resolve("data"));
        String url = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/kz"
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=30000";
        GatewayConfig config = new GatewayConfig(
                sample.authority(),
                sample.keys(),
                sample.listeners(),
                new StorageConfig(dir.resolve("data"), url, null, null, 2),
                sample.partners(),
                sample.routing(),
                sample.limits(),
                sample.sending(),
                sample.log(),
                sample.api());
        try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
            URI health = gateway.apiUrl().resolve("/health");
            assertEquals(200, MetricsAndHealthOverHttpTest.get(health).statusCode());

            database.stop();
            long started = System.nanoTime();
            HttpResponse<String> down = MetricsAndHealthOverHttpTest.get(health);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(millis < Health.DATABASE_TIMEOUT.toMillis() + 3000, "answered in " + millis + " ms");
            JsonNode body = new ObjectMapper().readTree(down.body());
            assertFalse(body.get("ready").asBoolean());
            assertTrue(body.get("live").asBoolean(), "the process is alive: restart it only if this is false");
            assertFalse(body.get("database").get("reachable").asBoolean());
            assertFalse(body.get("messageLog").get("readable").asBoolean());
            assertFalse(down.body().contains(url), "no connection details");

            HttpResponse<String> metrics =
                    MetricsAndHealthOverHttpTest.get(gateway.apiUrl().resolve("/metrics"));
            assertEquals(200, metrics.statusCode());
            assertEquals(0.0, MetricsAndHealthOverHttpTest.value(metrics.body(), "mla_store_up", ""));
        } finally {
            database.stop();
        }
    }
}
