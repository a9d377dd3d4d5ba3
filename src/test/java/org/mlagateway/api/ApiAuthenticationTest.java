package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.JaxRsRoutes;
import org.mlagateway.testing.JaxRsRoutes.Route;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * No spelling of any API route reaches a resource without a token. The routes are read from the
 * JAX-RS resources themselves (and checked against the OpenAPI document), so a new route is covered
 * as soon as it exists; each is sent with matrix parameters, encoded slashes, extra and dot
 * segments, trailing dots and semicolons, and without a token must be 401 — never 200, never 500.
 */
class ApiAuthenticationTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    private static Gateway kz;
    private static Path deployment;
    private static String messageId;
    private static long itemId;

    @BeforeAll
    static void start() {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), Clock.systemUTC());
        PartnerClient ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        Message m = new ExampleMessages(kz.codec()).request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
        HttpResponse<String> r =
                ru.post(kz.exchangeUrl(), ru.forge().build(new String(kz.codec().write(m), StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode(), r.body());
        messageId = m.getHeader().getMessageId();
        itemId = kz.store()
                .queueItemsOf(kz.store().messagesById(messageId).get(0).pk())
                .get(0)
                .id();
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    static List<Route> routes() {
        return JaxRsRoutes.of(InternalApi.RESOURCES);
    }

    /** A real value for each path parameter, so that the plain route would succeed with a token. */
    private static String value(String name) {
        return switch (name) {
            case "queue" -> "forwarding";
            case "documentId" -> "doc-1";
            case "id" -> String.valueOf(itemId);
            default -> throw new AssertionError("no sample value for {" + name + "}");
        };
    }

    /** The spellings of one route's path (relative to /api/v1) that must all need a token. */
    static List<String> spellings(String path) {
        List<String> out = new ArrayList<>(List.of(
                path,
                path + ";",
                path + ";x=openapi.json",
                path + ".",
                path + "/",
                path + "/.",
                path + "/extra",
                path + "/openapi.json",
                path + ";/openapi.json",
                path + "/..;/openapi.json",
                path + "%2F",
                path + "%2f",
                path + "%2Fopenapi.json",
                path + "%00",
                path + "%0a",
                path + "?x=openapi.json",
                "/." + path,
                "/x/.." + path));
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            String[] copy = segments.clone();
            copy[i] = copy[i] + ";x=openapi.json";
            out.add("/" + String.join("/", copy));
            if (i > 0) {
                out.add("/" + String.join("/", java.util.Arrays.copyOf(segments, i)) + "%2F"
                        + String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length)));
                out.add("/" + String.join("/", java.util.Arrays.copyOf(segments, i)) + "%2f"
                        + String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length)));
            }
        }
        return out;
    }

    private static HttpResponse<String> send(String method, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kz.apiUrl() + path))
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return Http.text(HTTP, b.build());
    }

    @Test
    void everyRouteInEverySpelling_withoutAToken_is401() {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routes()) {
            if (route.template().equals(OpenApiResource.PATH)) {
                continue;
            }
            for (String path : spellings(route.path(ApiAuthenticationTest::value))) {
                HttpResponse<String> r = send(route.method(), path, null);
                sent++;
                if (r.statusCode() != 401 || !r.body().contains("urn:mla-gateway:problem:Unauthenticated")) {
                    failures.add(route.method() + " " + path + " -> " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertTrue(sent > 200, "walked " + sent + " requests");
        assertTrue(failures.isEmpty(), failures.size() + " spellings were not 401:\n" + String.join("\n", failures));
    }

    @Test
    void theReportedBypass_isAnUnauthenticatedProblem_notAServedMessageNorA500() {
        HttpResponse<String> r = send("GET", "/items/" + itemId + "/message;x=openapi.json", null);
        InternalApiTest.assertProblem(401, "Unauthenticated", r);
    }

    @Test
    void onlyTheExactOpenApiPath_isOpen() {
        assertEquals(200, send("GET", "/openapi.json", null).statusCode());
        for (String path : List.of(
                "/openapi.json;x=y",
                "/openapi.json/",
                "/openapi.json/.",
                "/openapi.json%2F",
                "/%6Fpenapi.json",
                "/x/../openapi.json",
                "/./openapi.json",
                "/openapi.json;",
                "/openapi.json.")) {
            HttpResponse<String> r = send("GET", path, null);
            assertEquals(401, r.statusCode(), path + ": " + r.body());
        }
        assertEquals(401, send("POST", "/openapi.json", null).statusCode(), "only GET is open");
    }

    @Test
    void withAToken_thePlainSpellingOfEveryRoute_isServedOrRefusedByTheResource_never500() {
        String admin = ApiClient.token(deployment, "kz-gpo", "admin");
        for (Route route : routes()) {
            HttpResponse<String> r = send(route.method(), route.path(ApiAuthenticationTest::value), admin);
            assertTrue(r.statusCode() < 500 && r.statusCode() != 401, route + " -> " + r.statusCode() + " " + r.body());
        }
    }

    @Test
    void theRoutesOfTheResources_areTheRoutesOfTheOpenApiDocument() {
        Set<String> fromResources = new TreeSet<>();
        routes().forEach(r -> fromResources.add(r.method() + " " + r.template()));
        Set<String> documented = new TreeSet<>();
        new OpenAPIV3Parser()
                .readContents(send("GET", "/openapi.json", null).body(), null, null)
                .getOpenAPI()
                .getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().keySet().forEach(verb -> documented.add(verb.name() + " " + path)));
        documented.add("GET " + OpenApiResource.PATH);
        assertEquals(documented, fromResources);
    }

    /** Without a caller a resource refuses with 401, whatever let the request through: never an NPE. */
    @Test
    void everyResourceMethod_withoutACaller_failsClosedWith401() throws Exception {
        SecurityContext anonymous = new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return null;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return null;
            }
        };
        List<Object> resources = List.of(
                new MessagesResource(
                        kz.store(),
                        kz.submissions(),
                        kz.codec(),
                        new com.fasterxml.jackson.databind.ObjectMapper(),
                        new Visibility(
                                kz.store(), new ApiClients(kz.config().api().clients()))),
                new QueuesResource(kz.store(), kz.translations(), java.time.Duration.ofMinutes(1)),
                new RegisterResource(kz.register(), new com.fasterxml.jackson.databind.ObjectMapper()));
        int checked = 0;
        for (Object resource : resources) {
            for (Method m : resource.getClass().getMethods()) {
                if (routes().stream().noneMatch(r -> r.javaMethod().equals(m))) {
                    continue;
                }
                Object[] args = new Object[m.getParameterCount()];
                Parameter[] params = m.getParameters();
                for (int i = 0; i < args.length; i++) {
                    Class<?> t = params[i].getType();
                    args[i] = t == SecurityContext.class
                            ? anonymous
                            : t == long.class ? itemId : t == int.class ? 1 : t == String.class ? messageId : null;
                }
                var thrown = assertThrows(
                        java.lang.reflect.InvocationTargetException.class, () -> m.invoke(resource, args), m.getName());
                assertTrue(
                        thrown.getCause() instanceof GatewayException g && g.code() == ErrorCode.UNAUTHENTICATED,
                        m.getName() + " threw " + thrown.getCause());
                checked++;
            }
        }
        assertEquals(routes().size() - 1, checked, "every route but the OpenAPI document");
    }
}
