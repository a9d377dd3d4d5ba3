package org.mlagateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.config.ListenersConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.LogEntries;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.RawClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * A whole gateway under hostile clients, on real sockets: the internal listener authenticates
 * from the headers before it reads a body; large bodies beyond the external listener's budget get
 * a {@code TemporarilyUnavailable} fault (503, {@code Retry-After}) before their body is sent; and
 * a flood of idle TLS connections on the external port, beyond its limit, leaves {@code /health},
 * the API and a legitimate partner served.
 */
class FloodedGatewayTest {
    private static final int MAX_CONNECTIONS = 12;
    private static final int PER_ADDRESS = 4;

    @TempDir
    static Path dir;

    private static Path deployment;
    private static Gateway kz;
    private static PartnerClient ru;
    private static SSLContext ruTls;

    @BeforeAll
    static void start() throws Exception {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        GatewayConfig sample = TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz"));
        ListenerLimitsConfig external = new ListenerLimitsConfig(
                MAX_CONNECTIONS, PER_ADDRESS, null, null, 1024 * 1024L, 2, 1, null, null, null, null);
        kz = Gateway.start(
                sample.withListeners(new ListenersConfig(
                        sample.listeners().external().withLimits(external),
                        sample.listeners().internal())),
                Clock.systemUTC());
        ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        ruTls = TlsContexts.client(
                ru.tls, PkiFiles.readCertificates(deployment.resolve("ru-gpo/partners/kz-gpo/ca.pem")));
    }

    @AfterAll
    static void stop() {
        if (kz != null) {
            kz.close();
        }
        kz = null;
        ru = null;
        ruTls = null;
    }

    private static int internalPort() {
        return kz.apiUrl().getPort();
    }

    private static int externalPort() {
        return kz.exchangeUrl().getPort();
    }

    private static byte[] envelopeFromRu() {
        Message m = new ExampleMessages(kz.codec()).request("mla-request.xml", "RU-GPO", "KZ-GPO");
        return ru.forge().build(new String(kz.codec().write(m), StandardCharsets.UTF_8));
    }

    @Test
    void bigBodyWithoutAValidToken_isAnswered401_withoutBeingRead() {
        for (String[] authorization : List.of(new String[0], new String[] {"Authorization: Bearer not-a-token"})) {
            try (RawClient client = RawClient.plain(null, internalPort())
                    .head(
                            "POST",
                            "/api/v1/messages",
                            60_000_000,
                            with(authorization, "Content-Type: application/xml"))) {
                RawClient.Answer answer = client.answer();
                assertEquals(401, answer.status(), answer.body());
                assertEquals(0, client.sent(), "answered only after the body was sent");
                assertTrue(answer.body().contains("\"code\":\"Unauthenticated\""), answer.body());
                assertEquals("application/problem+json", answer.header("Content-Type"));
                assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"));
            }
        }
        try (RawClient login = RawClient.plain(null, internalPort())
                .head("POST", "/ops/login", 60_000_000, "Content-Type: application/x-www-form-urlencoded")) {
            assertEquals(413, login.answer().status(), "a big body to the operator pages was not refused unread");
            assertEquals(0, login.sent());
        }
        // With a valid token the request reaches the API (which finds the body invalid).
        String token = ApiClient.token(deployment, "kz-gpo", "mvd-investigation");
        HttpResponse<String> valid = new ApiClient(kz.apiUrl(), token).post("/messages", "application/json", "{}");
        assertTrue(valid.statusCode() == 400 || valid.statusCode() == 422, valid.statusCode() + " " + valid.body());
    }

    @Test
    void wrongTokensWithBigBodies_countAsDeniedCalls_andThrottleTheirAddress_allUnread() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try (RawClient client = RawClient.plain("127.0.0.9", internalPort())
                    .head(
                            "POST",
                            "/api/v1/messages",
                            60_000_000,
                            "Content-Type: application/xml",
                            "Authorization: Bearer wrong-" + i)) {
                RawClient.Answer answer = client.answer();
                assertEquals(0, client.sent());
                statuses.add(answer.status());
                if (answer.status() == 429) {
                    assertTrue(answer.header("Retry-After").matches("[1-9]\\d*"), answer.header("Retry-After"));
                }
            }
        }
        assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5), statuses.toString());
        assertTrue(statuses.subList(5, 8).contains(429), "the address was not throttled: " + statuses);
        kz.access().flushDenials();
        assertTrue(
                LogEntries.latest(kz.store(), "api-denied", 1000).stream()
                        .anyMatch(e -> e.details().contains("\"remoteAddress\":\"127.0.0.9\"")),
                "no denied-call entry");
    }

    private static String[] with(String[] lines, String line) {
        List<String> all = new ArrayList<>(List.of(lines));
        all.add(line);
        return all.toArray(new String[0]);
    }

    @Test
    void largeBodiesBeyondTheBudget_getATemporarilyUnavailableFault_beforeTheirBodyIsSent() {
        int port = externalPort();
        long large = 3L * 1024 * 1024;
        try (RawClient first = stalledLarge("127.0.0.2", port, large);
                RawClient second = stalledLarge("127.0.0.3", port, large)) {
            for (String from : List.of("127.0.0.3", "127.0.0.4")) { // one per address; two in all
                try (RawClient refused = RawClient.tls(from, port, ruTls)
                        .head("POST", "/exchange/v1", large, "Content-Type: application/soap+xml; charset=UTF-8")) {
                    RawClient.Answer answer = refused.answer();
                    assertEquals(503, answer.status(), answer.body());
                    assertEquals(0, refused.sent());
                    assertTrue(answer.header("Retry-After").matches("[1-9]\\d*"), answer.header("Retry-After"));
                    assertTrue(answer.header("Content-Type").startsWith("application/soap+xml"));
                    assertTrue(
                            answer.body().contains("<soap:Value>exc:TemporarilyUnavailable</soap:Value>"),
                            answer.body());
                    assertTrue(answer.body().contains("<exc:Retryable>true</exc:Retryable>"), answer.body());
                }
            }
            HttpResponse<String> legitimate = ru.post(kz.exchangeUrl(), envelopeFromRu());
            assertEquals(200, legitimate.statusCode(), "a small message was refused while two large ones stalled");
        }
    }

    private static RawClient stalledLarge(String from, int port, long length) {
        RawClient client = RawClient.tls(from, port, ruTls)
                .head(
                        "POST",
                        "/exchange/v1",
                        length,
                        "Content-Type: application/soap+xml; charset=UTF-8",
                        "Expect: 100-continue");
        assertEquals(100, client.next().status(), "a large request within the budget was not taken");
        client.body(length - 1000, 64 * 1024, Duration.ZERO); // stalled just short of its end
        return client;
    }

    @Test
    void floodOfIdleTlsConnectionsBeyondTheLimit_leavesHealthTheApiAndPartnersServed() {
        List<RawClient> flood = new ArrayList<>();
        try {
            for (int address = 2; address < 8; address++) {
                for (int i = 0; i < PER_ADDRESS; i++) {
                    try {
                        flood.add(RawClient.tls("127.0.0." + address, externalPort(), ruTls));
                    } catch (java.io.UncheckedIOException e) {
                        // closed during its handshake to make room for a newer one: expected once the limit is reached
                    }
                }
            }
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> health = Http.text(
                    http,
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + internalPort() + "/health"))
                            .build());
            assertEquals(200, health.statusCode(), health.body());
            String token = ApiClient.token(deployment, "kz-gpo", "operator");
            assertEquals(
                    200, new ApiClient(kz.apiUrl(), token).get("/deadlines").statusCode());
            HttpResponse<String> delivery = ru.post(kz.exchangeUrl(), envelopeFromRu());
            assertEquals(200, delivery.statusCode(), "a partner was locked out by the flood: " + delivery.body());
            long open = flood.stream()
                    .filter(c -> !c.closedByServer(Duration.ofMillis(100)))
                    .count();
            assertTrue(
                    open <= MAX_CONNECTIONS,
                    open + " flood connections stayed open over a limit of " + MAX_CONNECTIONS);
        } finally {
            flood.forEach(RawClient::close);
        }
    }
}
