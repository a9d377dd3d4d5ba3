package org.mlagateway.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.TwoGateways;

/**
 * {@code /metrics} and {@code /health} on the internal listener of real gateways: the counters move
 * after a real accepted message and a real rejection, delivery is measured on the sending side,
 * and neither endpoint needs a token or serves on the external listener.
 */
class MetricsAndHealthOverHttpTest {
    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(dir);
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    @Test
    void countersMove_afterARealAcceptedMessage_andARealRejection() {
        URI ruMetrics = gateways.ru.apiUrl().resolve("/metrics");
        double acceptedBefore = value(get(ruMetrics).body(), "mla_messages_received_total", "outcome=\"ACCEPTED\"");

        Message request = new ExampleMessages(gateways.kz.codec()).request("transit-request.xml", "KZ-GPO", "RU-GPO");
        String id = request.getHeader().getMessageId();
        gateways.kz
                .submissions()
                .submit(
                        gateways.kz.codec().write(request),
                        "test",
                        UUID.randomUUID().toString());
        TwoGateways.await("delivery of " + id, Duration.ofSeconds(30), () -> gateways.kz
                .store()
                .message(Direction.OUT, "RU-GPO", id)
                .map(m -> m.status() == MessageStatus.DELIVERED)
                .orElse(false));
        // A partner posting something that is not a SOAP envelope is rejected, and counted with its code.
        HttpResponse<String> rejected = new PartnerClient(gateways.deployment, "kz-gpo", "ru-gpo")
                .post(gateways.ru.exchangeUrl(), "<not-soap/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, rejected.statusCode(), "a soap:Sender fault");
        Matcher code = Pattern.compile("<[^>]*Code>([A-Za-z]+)</").matcher(rejected.body());
        String wireCode = code.find() ? code.group(1) : null;

        HttpResponse<String> scrape = get(ruMetrics);
        assertEquals(200, scrape.statusCode());
        String type = scrape.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"), type);
        String ru = scrape.body();
        assertEquals(acceptedBefore + 1, value(ru, "mla_messages_received_total", "outcome=\"ACCEPTED\""), ru);
        assertTrue(value(ru, "mla_messages_received_total", "outcome=\"REJECTED\"") >= 1, ru);
        if (wireCode != null) {
            assertTrue(
                    value(ru, "mla_messages_received_total", "code=\"" + wireCode + "\"") >= 1, wireCode + "\n" + ru);
        }
        assertTrue(value(ru, "mla_inbound_handling_seconds_count", "outcome=\"ACCEPTED\"") >= 1, ru);
        assertTrue(ru.contains("mla_inbound_handling_seconds_bucket{"), "latency is a histogram");
        assertTrue(value(ru, "mla_queue_items", "state=\"READY\"") >= 1, "the accepted request waits in a queue");
        assertTrue(value(ru, "mla_certificate_expiry_days", "owner=\"self\",role=\"signing\"") > 300, ru);
        assertTrue(value(ru, "mla_certificate_expiry_days", "owner=\"KZ-GPO\"") > 0, "partner certificates too");
        assertTrue(ru.contains("jvm_memory_used_bytes{"), "JVM basics");
        assertEquals(1.0, value(ru, "mla_store_up", ""));
        // Every metric names the node (cluster.nodeId, here its default: host and data directory).
        String node = "node=\"" + gateways.ru.config().nodeId() + "\"";
        assertEquals(1.0, value(ru, "mla_store_up", node), ru);
        for (String sample : ru.split("\n")) {
            assertTrue(sample.startsWith("#") || sample.isBlank() || sample.contains(node), sample);
        }

        String kz = get(gateways.kz.apiUrl().resolve("/metrics")).body();
        assertTrue(value(kz, "mla_delivery_attempts_total", "outcome=\"DELIVERED\",partner=\"RU-GPO\"") >= 1, kz);
        assertTrue(value(kz, "mla_messages_sent_total", "outcome=\"DELIVERED\",partner=\"RU-GPO\"") >= 1, kz);
        assertTrue(value(kz, "mla_outbound_delivery_seconds_count", "partner=\"RU-GPO\"") >= 1, kz);
    }

    @Test
    void health_isReadyWithoutAToken_andNamesTheNearestCertificate() throws IOException {
        HttpResponse<String> response = get(gateways.kz.apiUrl().resolve("/health"));
        assertEquals(200, response.statusCode());
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertTrue(health.get("ready").asBoolean());
        assertTrue(health.get("live").asBoolean());
        assertTrue(health.get("database").get("reachable").asBoolean());
        JsonNode nearest = health.get("nearestCertificateExpiry");
        assertFalse(nearest.get("owner").asText().isEmpty());
        assertTrue(nearest.get("daysLeft").asLong() > 0);
        assertFalse(response.body().contains("CN="), "no certificate subjects, which may name people");
        assertTrue(health.get("messageLog").get("headSeq").asLong() >= 0);
        // Nothing of it on the external listener.
        assertEquals(
                404,
                new PartnerClient(gateways.deployment, "ru-gpo", "kz-gpo")
                        .get(gateways.kz.exchangeUrl().resolve("/health"))
                        .statusCode());
    }

    static HttpResponse<String> get(URI uri) {
        return Http.text(
                HTTP,
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build());
    }

    /** The sum of the samples of {@code metric} whose labels contain {@code labels}. */
    static double value(String exposition, String metric, String labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if ((line.startsWith(metric + "{") || line.startsWith(metric + " ")) && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
