package org.mlagateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.TsaConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.Direction;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestTsa;
import org.mlagateway.testing.TestTsa.Mode;
import org.mlagateway.testing.TwoGateways;

/**
 * A running KZ-GPO whose only time-stamping authority hangs, is down or answers garbage keeps
 * accepting deliveries and issuing receipts as fast as before: checkpoints are signed, kept
 * unstamped and shown as a backlog in {@code /health} (DEGRADED once the oldest is older than the
 * configured second, still ready) and {@code /metrics}; when the authority answers again the backlog
 * is stamped. Checkpoints every 3 entries; the authority's deadline (30 s) is far above the bound on
 * each accept (15 s), so an accept that waited for it would fail the bound.
 */
class TsaOutageTest {
    private static final Duration TSA_DEADLINE = Duration.ofSeconds(30);
    private static final Duration ACCEPT_WITHIN = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static TestTsa tsa;
    private static Gateway kz;
    private static PartnerClient ru;
    private static ExampleMessages examples;

    @BeforeAll
    static void start() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        char[] password = Files.readString(deployment.resolve("kz-gpo/secrets/keystore.password"))
                .strip()
                .toCharArray();
        tsa = new TestTsa(
                PkiFiles.readKey(PkiFiles.openPkcs12(deployment.resolve("tsa/tsa.p12"), password), "tsa", password));
        GatewayConfig c = TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz"));
        MessageLogConfig log = new MessageLogConfig(
                3,
                Duration.ofHours(1),
                List.of(new TsaConfig(tsa.url(), deployment.resolve("tsa/tsa.pem"), TSA_DEADLINE)),
                null,
                null,
                Duration.ofMillis(100),
                Duration.ofSeconds(1));
        kz = Gateway.start(c.withLog(log), Clock.systemUTC());
        ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        examples = new ExampleMessages(kz.codec());
    }

    @AfterAll
    static void stop() {
        if (kz != null) {
            kz.close();
        }
        if (tsa != null) {
            tsa.close();
        }
    }

    @Test
    void aHangingTsa_keepsAcceptsAndReceipts_andItsBacklogIsStampedWhenItAnswers() throws Exception {
        tsa.mode(Mode.HANG);
        try {
            acceptSix();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tsa.received.get() >= 1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "DEGRADED"
                    .equals(health().get("status").asText()));
            JsonNode health = health();
            assertTrue(health.get("ready").asBoolean(), health.toString());
            assertEquals("DEGRADED", health.get("logStamping").get("status").asText(), health.toString());
            assertTrue(health.get("logStamping").get("unstampedCheckpoints").asLong() >= 2, health.toString());
            assertTrue(metric("mla_log_checkpoints_unstamped") >= 2);
            assertEquals(1.0, metric("mla_log_anchor_ok"));
        } finally {
            tsa.mode(Mode.ANSWER);
        }
        awaitBacklogStamped();
    }

    @Test
    void aTsaThatIsDown_keepsAcceptsAndReceipts_andItsBacklogIsStampedWhenItIsBack() throws Exception {
        tsa.mode(Mode.ANSWER).down();
        try {
            acceptSix();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> health().get("logStamping")
                                    .get("unstampedCheckpoints")
                                    .asLong()
                            >= 2);
        } finally {
            tsa.up();
        }
        awaitBacklogStamped();
    }

    @Test
    void aTsaAnsweringGarbage_keepsAcceptsAndReceipts_andItsBacklogIsStampedWhenItAnswers() throws Exception {
        int before = tsa.received.get();
        tsa.mode(Mode.GARBAGE);
        try {
            acceptSix();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> tsa.received.get() > before
                            && health().get("logStamping")
                                            .get("unstampedCheckpoints")
                                            .asLong()
                                    >= 2);
        } finally {
            tsa.mode(Mode.ANSWER);
        }
        awaitBacklogStamped();
    }

    /** Six deliveries, each answered with an ACCEPTED receipt within the bound, and stored. */
    private static void acceptSix() {
        for (int i = 0; i < 6; i++) {
            Message m = examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
            byte[] envelope = ru.forge().build(new String(kz.codec().write(m), StandardCharsets.UTF_8));
            long started = System.nanoTime();
            HttpResponse<String> response = ru.post(kz.exchangeUrl(), envelope);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("ACCEPTED", element(response.body(), "Status"));
            assertTrue(took.compareTo(ACCEPT_WITHIN) < 0, "accept took " + took);
            assertTrue(kz.store()
                    .message(Direction.IN, "RU-GPO", m.getHeader().getMessageId())
                    .isPresent());
            assertTrue(kz.store()
                            .receipts(kz.store()
                                    .message(
                                            Direction.IN,
                                            "RU-GPO",
                                            m.getHeader().getMessageId())
                                    .orElseThrow()
                                    .pk())
                            .size()
                    >= 1);
        }
    }

    private static void awaitBacklogStamped() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode stamping = health().get("logStamping");
            return stamping.get("unstampedCheckpoints").asLong() == 0
                    && "UP".equals(stamping.get("status").asText());
        });
        assertEquals(0.0, metric("mla_log_checkpoints_unstamped"));
        assertTrue(metric("mla_log_timestamp_age_seconds") < 3600);
        assertTrue(kz.store().verify(1, null).ok());
    }

    private static JsonNode health() throws IOException {
        HttpResponse<String> r = Http.text(
                HTTP,
                HttpRequest.newBuilder(kz.apiUrl().resolve("/health"))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    private static double metric(String name) {
        String body = Http.text(
                        HTTP,
                        HttpRequest.newBuilder(kz.apiUrl().resolve("/metrics"))
                                .timeout(Duration.ofSeconds(20))
                                .GET()
                                .build())
                .body();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(body);
        assertTrue(m.find(), name + " not in the scrape");
        return Double.parseDouble(m.group(1));
    }

    private static String element(String body, String name) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + name + ">([^<]*)</").matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
