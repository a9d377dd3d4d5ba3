package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.HostileValues;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.JaxRsRoutes;
import org.mlagateway.testing.JaxRsRoutes.Param;
import org.mlagateway.testing.JaxRsRoutes.Route;
import org.mlagateway.testing.JaxRsRoutes.Source;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * Every API route, read from the resources, gets a corpus of hostile values in each of its
 * parameters (path, query, header, and each field of its JSON body, the message model's header
 * included), one parameter at a time with the others valid, as the admin client (so that nothing
 * is refused before the value is read). No answer may be a 5xx: bad input is a 4xx problem.
 */
class ApiHostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    private static Gateway kz;
    private static String admin;
    private static Message received;
    private static long itemId;
    private static ExampleMessages examples;

    @BeforeAll
    static void start() {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), Clock.systemUTC());
        admin = ApiClient.token(deployment, "kz-gpo", "admin");
        examples = new ExampleMessages(kz.codec());
        PartnerClient ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        received = examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
        HttpResponse<String> r = ru.post(
                kz.exchangeUrl(), ru.forge().build(new String(kz.codec().write(received), StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode(), r.body());
        itemId = kz.store()
                .queueItemsOf(kz.store()
                        .messagesById(received.getHeader().getMessageId())
                        .get(0)
                        .pk())
                .get(0)
                .id();
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    private static String valid(String pathParam) {
        return switch (pathParam) {
            case "queue" -> "forwarding";
            case "documentId" -> "doc-1";
            case "id" -> String.valueOf(itemId);
            default -> throw new AssertionError("no valid value for {" + pathParam + "}");
        };
    }

    private record Call(String method, String path, String contentType, String body, String idempotencyKey) {}

    private static HttpResponse<String> send(Call c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kz.apiUrl() + c.path()))
                .header("Authorization", "Bearer " + admin)
                .method(
                        c.method(),
                        c.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        if (c.idempotencyKey() != null) {
            b.header("Idempotency-Key", c.idempotencyKey());
        }
        return Http.text(HTTP, b.build());
    }

    /** Every call with one hostile value, for one route. */
    private static List<Call> calls(Route route) {
        List<Call> out = new ArrayList<>();
        String contentType =
                route.consumes().isEmpty() ? null : route.consumes().get(0);
        String validBody = validBody(route);
        String validPath = route.path(ApiHostileInputTest::valid);
        for (String name : route.pathNames()) {
            for (String v : HostileValues.text()) {
                String path = route.path(n -> n.equals(name) ? HostileValues.encode(v) : valid(n));
                out.add(new Call(route.method(), path, contentType, validBody, key()));
            }
        }
        for (Param q : route.of(Source.QUERY)) {
            for (String v : HostileValues.text()) {
                out.add(new Call(
                        route.method(),
                        validPath + "?" + q.name() + "=" + HostileValues.encode(v),
                        contentType,
                        validBody,
                        key()));
            }
        }
        for (Param h : route.of(Source.HEADER)) {
            if (h.name().equals("Idempotency-Key")) {
                HostileValues.header()
                        .forEach(v -> out.add(new Call(route.method(), validPath, contentType, validBody, v)));
            }
        }
        if (!route.of(Source.BODY).isEmpty()) {
            for (String body : HostileValues.bodies()) {
                out.add(new Call(route.method(), validPath, contentType, body, key()));
            }
            for (String body : mutations(route, validBody)) {
                out.add(new Call(route.method(), validPath, contentType, body, key()));
            }
        }
        return out;
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    /** A valid body for the route: the message model for submissions, otherwise its record type filled in. */
    private static String validBody(Route route) {
        List<Param> body = route.of(Source.BODY);
        if (body.isEmpty()) {
            return null;
        }
        if (body.get(0).type() == byte[].class) {
            Message m = examples.request("transit-request.xml", "KZ-GPO", "RU-GPO");
            return route.consumes().contains("application/json")
                    ? modelJson(m)
                    : new String(kz.codec().write(m), StandardCharsets.UTF_8);
        }
        return filled(body.get(0).type()).toString();
    }

    private static String modelJson(Message m) {
        try {
            return new ObjectMapper()
                    .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                    .registerModule(new com.fasterxml.jackson.module.jakarta.xmlbind.JakartaXmlBindAnnotationModule())
                    .writeValueAsString(m);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode filled(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            ObjectNode node = JSON.createObjectNode();
            for (RecordComponent rc : c.getRecordComponents()) {
                node.set(rc.getName(), filled(rc.getGenericType()));
            }
            return node;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return JSON.createArrayNode().add(filled(p.getActualTypeArguments()[0]));
        }
        if (type == byte[].class) {
            return JSON.getNodeFactory()
                    .textNode(Base64.getEncoder().encodeToString("text".getBytes(StandardCharsets.UTF_8)));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return JSON.getNodeFactory().numberNode(1);
        }
        return JSON.getNodeFactory().textNode("valid");
    }

    /** The valid JSON body with each leaf (and each container) replaced by each hostile JSON value in turn. */
    private static List<String> mutations(Route route, String validBody) {
        if (validBody.startsWith("<")) {
            List<String> out = new ArrayList<>();
            for (String v : List.of("", "A".repeat(3_000), "-1", "\u0001", "&amp;", "]]>")) {
                out.add(validBody.replaceFirst(
                        "<msg:MessageId>[^<]*</msg:MessageId>",
                        "<msg:MessageId>" + v.replace("&", "&amp;").replace("]]>", "]]&gt;") + "</msg:MessageId>"));
                out.add(validBody.replaceFirst(
                        "<msg:CreatedAt>[^<]*</msg:CreatedAt>", "<msg:CreatedAt>" + v + "</msg:CreatedAt>"));
            }
            out.add(validBody.replaceFirst("<msg:Message", "<!DOCTYPE m [<!ENTITY e \"x\">]><msg:Message"));
            return out;
        }
        JsonNode root = read(validBody);
        boolean model = root.has("Header");
        JsonNode scope = model ? root.get("Header") : root;
        List<String> out = new ArrayList<>();
        List<String> values = model
                ? HostileValues.text().stream().map(HostileValues::jsonString).toList()
                : HostileValues.json();
        // The message model's header: each of its fields (a nested one as a whole); a record: every field, deep.
        Consumer<Consumer<JsonNode>> walker = model ? visit -> visit.accept(scope) : visit -> walk(scope, visit);
        walker.accept(node -> {
            // node is a container; replace each of its children in turn
            if (node instanceof ObjectNode o) {
                new ArrayList<>(iterable(o.fieldNames())).forEach(name -> {
                    JsonNode original = o.get(name);
                    for (String v : values) {
                        o.set(name, read(v));
                        out.add(root.toString());
                    }
                    o.set(name, original);
                });
            } else if (node instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    JsonNode original = a.get(i);
                    for (String v : values) {
                        a.set(i, read(v));
                        out.add(root.toString());
                    }
                    a.set(i, original);
                }
            }
        });
        return out;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static void walk(JsonNode node, Consumer<JsonNode> container) {
        if (node.isContainerNode()) {
            container.accept(node);
            List<JsonNode> children = new ArrayList<>();
            node.elements().forEachRemaining(children::add);
            children.forEach(c -> walk(c, container));
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void everyRoute_givenHostileValuesInEveryParameter_neverAnswers5xx() {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : JaxRsRoutes.of(InternalApi.RESOURCES)) {
            for (Call c : calls(route)) {
                HttpResponse<String> r = send(c);
                sent++;
                if (r.statusCode() >= 500) {
                    String body = c.body() == null
                            ? ""
                            : c.body().length() > 300 ? c.body().substring(0, 300) + "…" : c.body();
                    failures.add(
                            route + " " + (c.path().length() > 200 ? c.path().substring(0, 200) + "…" : c.path())
                                    + " key=" + (c.idempotencyKey().length() > 40 ? "(long)" : c.idempotencyKey())
                                    + " body=" + body
                                    + " -> " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertTrue(sent > 1_000, "sent " + sent);
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + sent + " calls answered 5xx:\n"
                        + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    @Test
    void aTranslationWithoutATitle_isAnInvalidRequestProblem() {
        ApiClient admin = new ApiClient(kz.apiUrl(), ApiHostileInputTest.admin);
        String body = "{\"documents\":[{\"documentId\":\"doc-1-ru\",\"originalSha256\":\"" + "0".repeat(64)
                + "\",\"language\":\"ru\",\"mediaType\":\"text/plain\",\"content\":\"dGV4dA==\"}]}";
        HttpResponse<String> r = admin.post("/items/" + itemId + "/translations", "application/json", body);
        InternalApiTest.assertProblem(400, "InvalidRequest", r);
        assertTrue(r.body().contains("title"), r.body());
    }
}
