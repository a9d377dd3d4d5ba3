package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.QueueItem;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.TwoGateways;

/**
 * Who may reply, and who may read what, between two real gateways: a domestic body replies only
 * in a conversation where it owns an item; an outgoing message is read only by the body that
 * submitted it and by operators; a partner reusing one of our message ids changes nothing for us.
 */
class ApiAuthorisationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static ExampleMessages examples;
    private static ApiClient mvd;
    private static ApiClient antiCorruption;
    private static ApiClient translator;
    private static ApiClient operator;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(dir);
        examples = new ExampleMessages(gateways.kz.codec());
        mvd = client("mvd-investigation");
        antiCorruption = client("anti-corruption");
        translator = client("translator");
        operator = client("operator");
        admin = client("admin");
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    private static ApiClient client(String name) {
        return new ApiClient(gateways.kz.apiUrl(), ApiClient.token(gateways.deployment, "kz-gpo", name));
    }

    /** RU-GPO sends {@code m} to KZ-GPO; returns once KZ-GPO holds it. */
    private static Message fromRu(Message m) {
        gateways.ru
                .submissions()
                .submit(gateways.ru.codec().write(m), "test", UUID.randomUUID().toString());
        String id = m.getHeader().getMessageId();
        TwoGateways.await(
                "arrival of " + id,
                DEADLINE,
                () -> !gateways.kz.store().messagesById(id).isEmpty());
        return m;
    }

    private static HttpResponse<String> submit(ApiClient client, Message m) {
        return client.post(
                "/messages",
                "application/xml",
                new String(gateways.kz.codec().write(m), StandardCharsets.UTF_8),
                "Idempotency-Key",
                "k-" + UUID.randomUUID());
    }

    private static String target(String messageId) {
        return gateways
                .kz
                .store()
                .queueItemsOf(gateways.kz.store().messagesById(messageId).get(0).pk())
                .stream()
                .map(QueueItem::target)
                .findFirst()
                .orElseThrow();
    }

    private static List<String> events(JsonNode message) {
        List<String> out = new ArrayList<>();
        message.get("timeline").forEach(e -> out.add(e.get("event").asText()));
        return out;
    }

    @Test
    void aReplyInAnotherBodysCase_isForbidden_butTheBodyThatOwnsItAndAdminsMayReply() {
        Message extradition = fromRu(examples.request("transit-request.xml", "RU-GPO", "KZ-GPO"));
        assertEquals("GPO-SUPERVISION", target(extradition.getHeader().getMessageId()));
        HttpResponse<String> refused = submit(antiCorruption, examples.response("refusal.xml", extradition));
        InternalApiTest.assertProblem(403, "Forbidden", refused);
        assertTrue(InternalApiTest.json(refused).get("detail").asText().contains("owns no item"), refused.body());
        Message forgedConversation = examples.response("refusal.xml", extradition);
        Message own = fromRu(examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO"));
        forgedConversation.getHeader().setConversationId(own.getHeader().getConversationId());
        InternalApiTest.assertProblem(403, "Forbidden", submit(mvd, forgedConversation));
        assertEquals(
                201,
                submit(admin, examples.response("refusal.xml", extradition)).statusCode());

        assertEquals("MVD-INVESTIGATION", target(own.getHeader().getMessageId()));
        InternalApiTest.assertProblem(
                403, "Forbidden", submit(antiCorruption, examples.response("acknowledgement.xml", own)));
        HttpResponse<String> ours = submit(mvd, examples.response("acknowledgement.xml", own));
        assertEquals(201, ours.statusCode(), ours.body());
    }

    @Test
    void aFollowUpToOurOwnRequest_isAllowedToTheBodyThatSubmittedIt_only() {
        Message request = examples.request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        assertEquals(201, submit(mvd, request).statusCode());
        Message answer = fromRu(examples.response("acknowledgement.xml", request));
        Message followUp = examples.response("additional-information-request.xml", answer);
        InternalApiTest.assertProblem(403, "Forbidden", submit(antiCorruption, followUp));
        HttpResponse<String> r = submit(mvd, examples.response("additional-information-request.xml", answer));
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void anOutgoingMessage_isReadByItsSubmittersBodyAndOperators_only() {
        Message request = examples.request("transit-request.xml", "KZ-GPO", "RU-GPO");
        assertEquals(201, submit(mvd, request).statusCode());
        String id = request.getHeader().getMessageId();
        String conversation = request.getHeader().getConversationId();
        assertEquals(200, mvd.get("/messages/" + id).statusCode());
        assertEquals(200, operator.get("/messages/" + id).statusCode());
        assertEquals(200, admin.get("/messages/" + id).statusCode());
        InternalApiTest.assertProblem(403, "Forbidden", antiCorruption.get("/messages/" + id));
        InternalApiTest.assertProblem(403, "Forbidden", translator.get("/messages/" + id));
        InternalApiTest.assertProblem(403, "Forbidden", antiCorruption.get("/conversations/" + conversation));
        assertEquals(200, mvd.get("/conversations/" + conversation).statusCode());
        InternalApiTest.assertProblem(404, "NotFound", antiCorruption.get("/messages/" + UUID.randomUUID()));
    }

    @Test
    void aPartnerReusingOurMessageId_neitherMergesTimelines_norLocksOutTheOwner() {
        Message ours = examples.request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        assertEquals(201, submit(mvd, ours).statusCode());
        String id = ours.getHeader().getMessageId();
        TwoGateways.await("delivery of " + id, DEADLINE, () -> "DELIVERED"
                .equals(InternalApiTest.json(mvd.get("/messages/" + id))
                        .get(0)
                        .get("status")
                        .asText()));
        Message theirs = examples.request("transit-request.xml", "RU-GPO", "KZ-GPO");
        theirs.getHeader().setMessageId(id);
        gateways.ru
                .submissions()
                .submit(
                        gateways.ru.codec().write(theirs),
                        "test",
                        UUID.randomUUID().toString());
        TwoGateways.await(
                "the partner's message with our id",
                DEADLINE,
                () -> gateways.kz.store().messagesById(id).size() == 2);

        HttpResponse<String> forOwner = mvd.get("/messages/" + id);
        assertEquals(200, forOwner.statusCode(), forOwner.body());
        JsonNode seen = InternalApiTest.json(forOwner);
        assertEquals(1, seen.size(), "the owner sees its own message only: " + seen);
        assertEquals("OUT", seen.get(0).get("direction").asText());
        List<String> own = events(seen.get(0));
        assertTrue(own.containsAll(List.of("queued-for-send", "delivered", "receipt-received")), own.toString());
        assertFalse(own.contains("received") || own.contains("routed"), "not the partner's: " + own);

        JsonNode both = InternalApiTest.json(operator.get("/messages/" + id));
        assertEquals(2, both.size());
        for (JsonNode m : both) {
            List<String> timeline = events(m);
            if (m.get("direction").asText().equals("OUT")) {
                assertFalse(timeline.contains("received") || timeline.contains("routed"), timeline.toString());
            } else {
                assertTrue(timeline.containsAll(List.of("received", "stored", "routed")), timeline.toString());
                assertFalse(
                        timeline.contains("queued-for-send") || timeline.contains("delivered"), timeline.toString());
            }
        }
    }
}
