package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestClock;
import org.mlagateway.testing.TwoGateways;

/**
 * Lease expiry through the API, driven by a test clock rather than wall time, and the OpenAPI
 * document against the running API.
 */
class ApiLeaseAndContractTest {
    /** Well inside the clock-skew allowance, so that moving our clock past it upsets no signature check. */
    private static final Duration LEASE = Duration.ofMinutes(1);

    @TempDir
    static Path dir;

    private static final TestClock clock = TestClock.ticking();
    private static Gateway kz;
    private static PartnerClient ru;
    private static Path deployment;

    @BeforeAll
    static void start() {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        kz = Gateway.start(
                TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")).withApiLease(LEASE), clock);
        ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    private static ApiClient as(String client) {
        return new ApiClient(kz.apiUrl(), ApiClient.token(deployment, "kz-gpo", client));
    }

    private static String receiveFromRu() {
        Message m = new ExampleMessages(kz.codec()).request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
        HttpResponse<String> r =
                ru.post(kz.exchangeUrl(), ru.forge().build(new String(kz.codec().write(m), StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode(), r.body());
        return m.getHeader().getMessageId();
    }

    @Test
    void expiredLease_returnsTheItemToItsQueue() {
        String id = receiveFromRu();
        ApiClient mvd = as("mvd-investigation");
        JsonNode first = InternalApiTest.json(mvd.post("/queues/forwarding/claim?max=100"))
                .get(0);
        assertEquals(id, first.get("messageId").asText());
        assertEquals(
                0,
                InternalApiTest.json(mvd.post("/queues/forwarding/claim?max=100"))
                        .size(),
                "leased, not claimable");
        clock.advance(LEASE);
        assertEquals(
                1,
                InternalApiTest.json(mvd.post("/queues/forwarding/claim?max=100"))
                        .size(),
                "claimable again once the lease has run out");
        JsonNode again = kz.store()
                .queueItem(first.get("id").asLong())
                .map(i -> InternalApiTest.json(mvd.post("/items/" + i.id() + "/ack")))
                .orElseThrow();
        assertEquals("DONE", again.get("state").asText());
        assertEquals(
                2, kz.store().queueItem(first.get("id").asLong()).orElseThrow().attempts(), "claimed twice in all");
    }

    @Test
    void openApiDocument_isValid_andEveryDocumentedPathAnswers() {
        HttpResponse<String> doc = new ApiClient(kz.apiUrl(), null).get("/openapi.json");
        assertEquals(200, doc.statusCode());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.body(), null, null);
        assertTrue(parsed.getMessages().isEmpty(), parsed.getMessages().toString());
        assertEquals("3.0.3", parsed.getOpenAPI().getOpenapi());

        String messageId = receiveFromRu();
        String conversation = kz.store().messagesById(messageId).get(0).conversationId();
        long item = kz.store()
                .queueItemsOf(kz.store().messagesById(messageId).get(0).pk())
                .get(0)
                .id();
        ApiClient admin = as("admin");
        parsed.getOpenAPI().getPaths().forEach((path, operations) -> {
            String concrete = path.replace("{queue}", "forwarding")
                    .replace("{documentId}", "doc-1")
                    .replace("/conversations/{id}", "/conversations/" + conversation)
                    .replace("/messages/{id}", "/messages/" + messageId)
                    .replace("/items/{id}", "/items/" + item);
            if (operations.getGet() != null) {
                HttpResponse<byte[]> r = admin.getBytes(concrete);
                assertNotEquals(405, r.statusCode(), "GET " + concrete);
                assertEquals(
                        200, r.statusCode(), "GET " + concrete + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            if (operations.getPost() != null) {
                HttpResponse<String> r = admin.post(
                        concrete,
                        "application/json",
                        "{}",
                        "Idempotency-Key",
                        UUID.randomUUID().toString());
                assertNotEquals(405, r.statusCode(), "POST " + concrete);
                assertTrue(
                        r.statusCode() != 404
                                || r.body().contains("problem:NotFound")
                                        && !r.body().contains("HTTP 404"),
                        "POST " + concrete + " is routed: " + r.body());
            }
        });
    }
}
