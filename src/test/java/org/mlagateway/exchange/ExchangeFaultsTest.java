package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.EnvelopeSealer;
import org.mlagateway.security.InboundVerifier;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.ReceiptIssuer;
import org.mlagateway.store.Store;
import org.mlagateway.testing.DefaultLimits;
import org.mlagateway.testing.EnvelopeForge;
import org.mlagateway.testing.LogCapture;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * docs/protocol.md#faults over real TLS: the HTTP status of each family of fault (SOAP 1.2's HTTP
 * binding: Sender 400, TemporarilyUnavailable 503 with Retry-After, InternalError 500), and a
 * TimestampInvalid Reason that names the timestamp rule that failed.
 */
class ExchangeFaultsTest {
    @TempDir
    static Path dir;

    private static Path deployment;
    private static Gateway kz;
    private static PartnerClient ru;
    private static ExampleMessages examples;

    @BeforeAll
    static void start() {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), Clock.systemUTC());
        ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        examples = new ExampleMessages(kz.codec());
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    private static String messageXml() {
        Message m = examples.request("mla-request.xml", "RU-GPO", "KZ-GPO");
        return new String(kz.codec().write(m), StandardCharsets.UTF_8);
    }

    private static String first(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String reason(HttpResponse<String> response) {
        return first(response.body(), "<soap:Text xml:lang=\"en\">([^<]*)</soap:Text>");
    }

    private static HttpResponse<String> deliver(Consumer<EnvelopeForge> change) {
        EnvelopeForge forge = ru.forge();
        change.accept(forge);
        return ru.post(kz.exchangeUrl(), forge.build(messageXml()));
    }

    private static void assertTimestampInvalid(String expectedReason, HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("TimestampInvalid", first(response.body(), "<exc:Code>([^<]*)<"), response.body());
        assertEquals(expectedReason, reason(response));
    }

    @Test
    void senderFault_is400_withoutRetryAfter() {
        HttpResponse<String> response = ru.post(kz.exchangeUrl(), "<not-soap/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("soap:Sender", first(response.body(), "<soap:Code><soap:Value>([^<]*)<"));
        assertEquals(Optional.empty(), response.headers().firstValue("Retry-After"));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/soap+xml"));
    }

    @Test
    void receipt_is200() {
        HttpResponse<String> response = deliver(forge -> {});
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("ACCEPTED", first(response.body(), "<exc:Status>([^<]*)<"));
    }

    @Test
    void oversizedEnvelope_answeredBeforeItIsRead_is400MessageTooLarge() {
        byte[] huge = new byte[Math.toIntExact(kz.config().limits().maxEnvelopeBytes() + 1)];
        HttpResponse<String> response = ru.post(kz.exchangeUrl(), huge);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("MessageTooLarge", first(response.body(), "<exc:Code>([^<]*)<"));
        assertEquals(Optional.empty(), response.headers().firstValue("Retry-After"));
    }

    @Test
    void internalError_is500_withoutRetryAfter_andIsLoggedAsAnError() {
        // The same inbound path with a routing step that fails as a defect would: the one way to reach
        // InternalError on purpose, since every input a partner controls has its own Sender code.
        GatewayConfig config = TwoGateways.config(deployment, "kz-gpo", dir.resolve("broken"));
        Clock clock = Clock.systemUTC();
        KeyMaterial keys = KeyMaterial.load(config, clock);
        MessageCodec codec = MessageCodec.create(DefaultLimits.codecLimits(config.limits()));
        try (Store store = Store.open(config.storage(), clock);
                LogCapture log = LogCapture.of(InboundExchange.class)) {
            InboundExchange inbound = new InboundExchange(
                    new InboundVerifier(
                            "KZ-GPO",
                            keys.encryption(),
                            keys.partnerTrust(),
                            AlgorithmPolicy.PROFILE,
                            clock,
                            config.limits().clockSkew(),
                            config.limits().maxXmlDepth()),
                    keys.tlsClients(),
                    codec,
                    store,
                    new ReceiptIssuer(new EnvelopeSealer(
                            keys.signing(),
                            AlgorithmPolicy.PROFILE,
                            clock,
                            config.limits().maxXmlDepth())),
                    (message, summary, partner) -> {
                        throw new IllegalStateException("routing defect");
                    },
                    config.limits().clockSkew(),
                    clock,
                    ExchangeEvents.NONE,
                    config.limits().maxDocumentBytes());
            try (ExchangeListener listener = ExchangeListener.start(
                    config.listeners().external(),
                    keys.tls(),
                    keys.allTlsAnchors(),
                    false,
                    1 << 20,
                    2,
                    inbound,
                    store)) {
                HttpResponse<String> response =
                        ru.post(listener.url(), ru.forge().build(messageXml()));
                assertEquals(500, response.statusCode(), response.body());
                assertEquals("soap:Receiver", first(response.body(), "<soap:Code><soap:Value>([^<]*)<"));
                assertEquals("InternalError", first(response.body(), "<exc:Code>([^<]*)<"));
                assertEquals("false", first(response.body(), "<exc:Retryable>([^<]*)<"));
                assertEquals(Optional.empty(), response.headers().firstValue("Retry-After"));
                String correlation = first(response.body(), "<exc:CorrelationId>([^<]*)<");
                log.line(Level.ERROR, "internal error while receiving (correlation " + correlation + ")");
            }
        }
    }

    @Test
    void missingTimestamp_saysItIsMissing() {
        assertTimestampInvalid("The security timestamp is missing.", deliver(f -> f.timestamp = false));
    }

    @Test
    void unsignedTimestamp_saysItIsNotSigned() {
        assertTimestampInvalid("The security timestamp is not signed.", deliver(f -> f.signTimestamp = false));
    }

    @Test
    void timestampWithoutExpires_saysExpiresIsMissing() {
        assertTimestampInvalid("The security timestamp has no Expires.", deliver(f -> f.timestampTtlSeconds = 0));
    }

    @Test
    void expiredTimestamp_saysItHasExpired() {
        assertTimestampInvalid(
                "The security timestamp has expired: its Expires is not in the future.",
                deliver(f -> f.senderClock = Instant.now().minusSeconds(900)));
    }

    @Test
    void createdOlderThanTheSkew_withExpiresStillAhead_saysItHasExpired() {
        assertTimestampInvalid(
                "The security timestamp has expired: its Created is older than the allowed clock" + " skew of 300 s.",
                deliver(f -> {
                    f.senderClock = Instant.now().minusSeconds(400);
                    f.timestampTtlSeconds = 600;
                }));
    }

    @Test
    void createdAheadOfOurClock_saysItIsNotYetValid() {
        assertTimestampInvalid(
                "The security timestamp is not yet valid: its Created is ahead of the receiver's"
                        + " clock by more than the allowed clock skew of 300 s.",
                deliver(f -> f.senderClock = Instant.now().plusSeconds(400)));
    }

    @Test
    void expiresTooLongAfterCreated_saysSo() {
        assertTimestampInvalid(
                "The security timestamp's Expires must follow its Created by at most 10 minutes.",
                deliver(f -> f.timestampTtlSeconds = 601));
    }

    @Test
    void otherCodes_keepTheCatalogueReason() {
        HttpResponse<String> response = deliver(f -> f.signatureAlgorithm = EnvelopeForge.RSA_SHA1);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(List.of("An algorithm outside the security profile was used."), List.of(reason(response)));
    }
}
