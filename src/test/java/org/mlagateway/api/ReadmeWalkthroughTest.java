package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.TwoGateways;

/**
 * The README's API walkthrough, call by call, against KZ-GPO and RU-GPO: the MVD submits the example
 * transfer request, it waits in translation-outbound (RU-GPO reads Russian only, doc-2 is Kazakh), the
 * translator claims it, reads the original and posts the translation, and the message is DELIVERED.
 * The README must still show each of these calls, so that the two cannot drift apart.
 */
class ReadmeWalkthroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE_ID = "6685838a-952c-5826-a821-5441ca608ef6";
    private static final String DOC_2_SHA256 = "3e3f35eda589674acbca27ce2a28974c101d1ff1f92e8e248ff9eba2e5c33e45";

    @TempDir
    Path dir;

    @Test
    void theReadmesCallsTakeTheExampleMessageToDelivered() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String call : List.of(
                "--data-binary @schemas/examples/transfer-of-sentenced-person-request.xml",
                "MSG=" + MESSAGE_ID,
                "\"$API/queues/translation-outbound/claim?max=1\"",
                "\"$API/items/$ITEM/documents/doc-2\"",
                "\"$API/items/$ITEM/translations\"",
                "\"originalSha256\":\"" + DOC_2_SHA256 + "\"",
                "\"status\":\"DELIVERED\"")) {
            assertTrue(readme.contains(call), "the README's walkthrough shows " + call);
        }
        try (TwoGateways gateways = TwoGateways.start(dir)) {
            ApiClient mvd = new ApiClient(
                    gateways.kz.apiUrl(), ApiClient.token(gateways.deployment, "kz-gpo", "mvd-investigation"));
            ApiClient translator =
                    new ApiClient(gateways.kz.apiUrl(), ApiClient.token(gateways.deployment, "kz-gpo", "translator"));

            String example = Files.readString(Path.of("schemas/examples/transfer-of-sentenced-person-request.xml"));
            HttpResponse<String> submitted =
                    mvd.post("/messages", "application/xml", example, "Idempotency-Key", "readme-1");
            assertTrue(submitted.statusCode() == 200 || submitted.statusCode() == 201, submitted.body());
            assertEquals(
                    MESSAGE_ID, JSON.readTree(submitted.body()).get("messageId").asText());
            assertEquals("QUEUED", status(mvd));

            HttpResponse<String> claimed = translator.post("/queues/translation-outbound/claim?max=1");
            assertEquals(200, claimed.statusCode(), claimed.body());
            JsonNode item = JSON.readTree(claimed.body()).get(0);
            long itemId = item.get("id").asLong();
            JsonNode doc2 = item.get("documents").get(1);
            assertEquals("doc-2", doc2.get("documentId").asText());
            assertEquals("kk", doc2.get("language").asText());
            assertEquals(DOC_2_SHA256, doc2.get("sha256").asText());
            HttpResponse<byte[]> original = translator.getBytes("/items/" + itemId + "/documents/doc-2");
            assertEquals(200, original.statusCode());

            String text = "Справка: Ахметова Динара Кайратовна является гражданкой Республики Казахстан.\n";
            String body = "{\"documents\":[{\"documentId\":\"doc-2-ru\",\"originalSha256\":\"" + DOC_2_SHA256
                    + "\",\"language\":\"ru\",\"mediaType\":\"text/plain\","
                    + "\"title\":\"Справка о гражданстве (перевод)\",\"content\":\""
                    + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}]}";
            HttpResponse<String> translated =
                    translator.post("/items/" + itemId + "/translations", "application/json", body);
            assertEquals(200, translated.statusCode(), translated.body());
            assertEquals("send", JSON.readTree(translated.body()).get("queue").asText());

            TwoGateways.await(
                    "the message is delivered", Duration.ofSeconds(30), () -> "DELIVERED".equals(status(mvd)));
        }
    }

    private static String status(ApiClient client) {
        HttpResponse<String> r = client.get("/messages/" + MESSAGE_ID);
        try {
            return JSON.readTree(r.body()).get(0).get("status").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
