package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.TwoGateways;

/** The internal API over real HTTP, against two gateways exchanging over real TLS. */
class InternalApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static ApiClient mvd;
    private static ApiClient antiCorruption;
    private static ApiClient translator;
    private static ApiClient operator;
    private static ExampleMessages examples;

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(dir);
        mvd = client("mvd-investigation");
        antiCorruption = client("anti-corruption");
        translator = client("translator");
        operator = client("operator");
        examples = new ExampleMessages(gateways.kz.codec());
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    static ApiClient client(String name) {
        return new ApiClient(gateways.kz.apiUrl(), ApiClient.token(gateways.deployment, "kz-gpo", name));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    /** RU-GPO sends a message to KZ-GPO through its gateway; returns its id once KZ-GPO holds it. */
    static String fromRu(Message m) {
        gateways.ru
                .submissions()
                .submit(gateways.ru.codec().write(m), "test", UUID.randomUUID().toString());
        String id = m.getHeader().getMessageId();
        TwoGateways.await(
                "arrival of " + id,
                DEADLINE,
                () -> !gateways.kz.store().messagesById(id).isEmpty());
        return id;
    }

    /** The message's timeline, without the operator's own reads of its person fields (each is an entry). */
    static List<String> events(String id) {
        List<String> out = new ArrayList<>();
        json(operator.get("/messages/" + id))
                .get(0)
                .get("timeline")
                .forEach(e -> out.add(e.get("event").asText()));
        out.removeIf(org.mlagateway.message.PersonFields.READ_EVENT::equals);
        return out;
    }

    static JsonNode claimOne(ApiClient client, String queue, String messageId) {
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = client.post("/queues/" + queue + "/claim?max=100");
            assertEquals(200, r.statusCode(), r.body());
            for (JsonNode item : json(r)) {
                if (item.get("messageId").asText().equals(messageId)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no " + queue + " item for " + messageId);
    }

    @Test
    void foreignMessageInEnglish_isTranslated_forwardedToMvd_claimedAndAcked_withEveryStepInItsTimeline() {
        Message m = examples.request("mla-request.xml", "RU-GPO", "KZ-GPO");
        m.getHeader().setLanguage("en");
        String id = fromRu(m);
        JsonNode item = claimOne(translator, "translation", id);
        assertEquals("MVD-INVESTIGATION", item.get("target").asText(), "it carries the body it goes to afterwards");
        JsonNode original = item.get("documents").get(0);
        String translation = "{\"documents\":[{\"documentId\":\"doc-1-ru\",\"originalSha256\":\""
                + original.get("sha256").asText() + "\",\"language\":\"ru\",\"mediaType\":\"text/plain\","
                + "\"title\":\"Перевод\",\"content\":\""
                + Base64.getEncoder().encodeToString("Перевод запроса".getBytes(StandardCharsets.UTF_8)) + "\"}]}";
        HttpResponse<String> posted =
                translator.post("/items/" + item.get("id").asLong() + "/translations", "application/json", translation);
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals("forwarding", json(posted).get("queue").asText());

        JsonNode forwarded = claimOne(mvd, "forwarding", id);
        assertTrue(forwarded.get("documents").toString().contains("doc-1-ru"), "the translation travels with it");
        assertEquals(
                200, mvd.post("/items/" + forwarded.get("id").asLong() + "/ack").statusCode());
        assertEquals(
                200, mvd.post("/items/" + forwarded.get("id").asLong() + "/ack").statusCode(), "ack is idempotent");
        assertEquals(
                List.of("received", "stored", "routed", "claimed", "translated", "requeued", "claimed", "acked"),
                events(id));
    }

    @Test
    void messageInRussian_goesStraightToForwarding() {
        String id = fromRu(examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO"));
        JsonNode item = claimOne(mvd, "forwarding", id);
        assertEquals("MVD-INVESTIGATION", item.get("target").asText());
        assertEquals(List.of("received", "stored", "routed", "claimed"), events(id));
    }

    @Test
    void domesticSubmission_isSignedSentDelivered_andThePartnersReplyJoinsTheConversation() {
        Message request = examples.request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        String xml = new String(gateways.kz.codec().write(request), StandardCharsets.UTF_8);
        HttpResponse<String> submitted =
                mvd.post("/messages", "application/xml", xml, "Idempotency-Key", "k-" + UUID.randomUUID());
        assertEquals(201, submitted.statusCode(), submitted.body());
        String id = json(submitted).get("messageId").asText();
        TwoGateways.await("delivery", DEADLINE, () -> "DELIVERED"
                .equals(json(mvd.get("/messages/" + id)).get(0).get("status").asText()));
        Message reply = examples.response("acknowledgement.xml", request);
        gateways.ru
                .submissions()
                .submit(
                        gateways.ru.codec().write(reply),
                        "test",
                        UUID.randomUUID().toString());
        String conversation = request.getHeader().getConversationId();
        TwoGateways.await(
                "the reply",
                DEADLINE,
                () -> json(operator.get("/conversations/" + conversation)).size() == 2);
        JsonNode messages = json(operator.get("/conversations/" + conversation));
        assertEquals("OUT", messages.get(0).get("direction").asText());
        assertEquals("IN", messages.get(1).get("direction").asText());
        assertEquals(id, messages.get(1).get("inReplyTo").asText());
    }

    @Test
    void jsonOfTheSameModel_isAcceptedLikeXml() throws Exception {
        Message request = examples.request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        ObjectMapper jaxbJson = new ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .registerModule(new com.fasterxml.jackson.module.jakarta.xmlbind.JakartaXmlBindAnnotationModule());
        HttpResponse<String> r = mvd.post(
                "/messages",
                "application/json",
                jaxbJson.writeValueAsString(request),
                "Idempotency-Key",
                "j-" + UUID.randomUUID());
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(
                request.getHeader().getMessageId(), json(r).get("messageId").asText());
    }

    @Test
    void idempotencyKey_returnsTheFirstResult_andRefusesAnotherBody() {
        String key = "idem-" + UUID.randomUUID();
        String first = new String(
                gateways.kz.codec().write(examples.request("transit-request.xml", "KZ-GPO", "RU-GPO")),
                StandardCharsets.UTF_8);
        HttpResponse<String> a = mvd.post("/messages", "application/xml", first, "Idempotency-Key", key);
        HttpResponse<String> b = mvd.post("/messages", "application/xml", first, "Idempotency-Key", key);
        assertEquals(201, a.statusCode(), a.body());
        assertEquals(200, b.statusCode());
        assertEquals(json(a).get("messageId"), json(b).get("messageId"));
        assertTrue(json(b).get("replayed").asBoolean());
        String other = new String(
                gateways.kz.codec().write(examples.request("transit-request.xml", "KZ-GPO", "RU-GPO")),
                StandardCharsets.UTF_8);
        HttpResponse<String> c = mvd.post("/messages", "application/xml", other, "Idempotency-Key", key);
        assertProblem(409, "IdempotencyKeyReused", c);
    }

    @Test
    void schemaInvalidSubmission_namesTheElementAndLine() {
        String xml = new String(
                        gateways.kz.codec().write(examples.request("transit-request.xml", "KZ-GPO", "RU-GPO")),
                        StandardCharsets.UTF_8)
                .replaceFirst("<msg:ConversationId>[^<]*</msg:ConversationId>", "");
        HttpResponse<String> r =
                mvd.post("/messages", "application/xml", xml, "Idempotency-Key", "s-" + UUID.randomUUID());
        assertProblem(422, "SchemaInvalid", r);
        String detail = json(r).get("detail").asText();
        assertTrue(detail.contains("line ") && detail.contains("msg:ConversationId"), detail);
    }

    @Test
    void submissionToAnUnknownPartner_isUnknownPartner() {
        Message m = examples.request("transit-request.xml", "KZ-GPO", "RU-GPO");
        m.getHeader().getRecipient().setAuthorityId("UZ-GPO");
        HttpResponse<String> r = mvd.post(
                "/messages",
                "application/xml",
                new String(gateways.kz.codec().write(m), StandardCharsets.UTF_8),
                "Idempotency-Key",
                "u-" + UUID.randomUUID());
        assertProblem(422, "UnknownPartner", r);
    }

    @Test
    void anotherBodysToken_cannotClaimOrReadTheItem() {
        String id = fromRu(examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO"));
        HttpResponse<String> claimed = antiCorruption.post("/queues/forwarding/claim?max=100");
        assertEquals(200, claimed.statusCode());
        json(claimed)
                .forEach(i -> assertEquals("ANTI-CORRUPTION", i.get("target").asText()));
        JsonNode item = claimOne(mvd, "forwarding", id);
        long itemId = item.get("id").asLong();
        assertProblem(403, "Forbidden", antiCorruption.get("/items/" + itemId + "/message"));
        assertProblem(403, "Forbidden", antiCorruption.post("/items/" + itemId + "/ack"));
        assertProblem(403, "Forbidden", antiCorruption.get("/messages/" + id));
        assertEquals(200, mvd.get("/items/" + itemId + "/message").statusCode());
    }

    @Test
    void missingOrUnknownToken_is401_andAWrongRole_is403() {
        assertProblem(401, "Unauthenticated", new ApiClient(gateways.kz.apiUrl(), null).get("/messages/x"));
        assertProblem(401, "Unauthenticated", new ApiClient(gateways.kz.apiUrl(), "not-a-token").get("/messages/x"));
        assertProblem(403, "Forbidden", translator.post("/queues/forwarding/claim"));
        assertProblem(
                403, "Forbidden", translator.post("/messages", "application/xml", "<x/>", "Idempotency-Key", "t"));
    }

    @Test
    void concurrentClaimers_neverGetTheSameItem() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(fromRu(examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO")));
        }
        List<Thread> threads = new ArrayList<>();
        List<String> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int round = 0; round < 5; round++) {
                    json(mvd.post("/queues/forwarding/claim?max=2"))
                            .forEach(i -> claimed.add(i.get("id").asText()));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(DEADLINE.toMillis());
        }
        assertEquals(claimed.size(), claimed.stream().distinct().count(), "an item was claimed twice: " + claimed);
    }

    @Test
    void provisionalArrest_showsItsDueDate_andOverdueClocksAreListed() {
        Message m = examples.request("provisional-arrest-request.xml", "RU-GPO", "KZ-GPO");
        m.getHeader().setUrgency(null);
        m.getProvisionalArrestRequest()
                .getTimeLimits()
                .setArrestDate(java.time.LocalDate.now().minusDays(45));
        String id = fromRu(m);
        JsonNode deadlines = json(operator.get("/deadlines?days=30"));
        JsonNode ours = null;
        for (JsonNode d : deadlines) {
            if (d.get("item").get("messageId").asText().equals(id)) {
                ours = d;
            }
        }
        assertTrue(ours != null, deadlines.toString());
        assertTrue(ours.get("overdue").asBoolean(), "arrested 45 days ago with a 40-day limit");
        assertProblem(403, "Forbidden", mvd.get("/deadlines"));
    }

    @Test
    void outgoingMessageThePartnerCannotRead_waitsForATranslator_thenIsDelivered() {
        Message request = examples.request("mla-request.xml", "KZ-GPO", "RU-GPO");
        HttpResponse<String> submitted = mvd.post(
                "/messages",
                "application/xml",
                new String(gateways.kz.codec().write(request), StandardCharsets.UTF_8),
                "Idempotency-Key",
                "t-" + UUID.randomUUID());
        assertEquals(201, submitted.statusCode(), submitted.body());
        String id = request.getHeader().getMessageId();
        JsonNode item = claimOne(translator, "translation-outbound", id);
        StringBuilder docs = new StringBuilder();
        for (JsonNode d : item.get("documents")) {
            if (d.get("language").asText().equals("kk")) {
                docs.append(docs.length() == 0 ? "" : ",")
                        .append("{\"documentId\":\"")
                        .append(d.get("documentId").asText())
                        .append("-ru\",\"originalSha256\":\"")
                        .append(d.get("sha256").asText())
                        .append("\",\"language\":\"ru\",\"mediaType\":\"text/plain\","
                                + "\"title\":\"Перевод\",\"content\":\"")
                        .append(Base64.getEncoder().encodeToString("Перевод".getBytes(StandardCharsets.UTF_8)))
                        .append("\"}");
            }
        }
        HttpResponse<String> posted = translator.post(
                "/items/" + item.get("id").asLong() + "/translations",
                "application/json",
                "{\"documents\":[" + docs + "]}");
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals("send", json(posted).get("queue").asText());
        TwoGateways.await("delivery", DEADLINE, () -> "DELIVERED"
                .equals(json(mvd.get("/messages/" + id)).get(0).get("status").asText()));
        String received = new String(gateways.ru.store().messagesById(id).get(0).messageXml(), StandardCharsets.UTF_8);
        assertTrue(received.contains("-ru</msg:DocumentId>"), "the partner received the translation");
    }

    static void assertProblem(int status, String code, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        assertEquals("urn:mla-gateway:problem:" + code, json(r).get("type").asText());
    }
}
