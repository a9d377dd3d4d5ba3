package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;
import org.mlagateway.tools.demo.DemoTranslator;

/**
 * Two gateways that speak AS4 to each other (each configures the other with {@code protocol: as4}):
 * the sender's worker seals, posts and verifies the signed Receipt against the digests it signed, and
 * only then marks the message DELIVERED; the receiver commits it once.
 */
class As4OutboundTest {
    @TempDir
    static Path dir;

    private static TwoGateways gateways;

    @BeforeAll
    static void start() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        As4InboundTest.asAs4Partner(deployment.resolve("kz-gpo/gateway.yaml"), "RU-GPO");
        As4InboundTest.asAs4Partner(deployment.resolve("ru-gpo/gateway.yaml"), "KZ-GPO");
        gateways = TwoGateways.start(dir, deployment, Clock.systemUTC());
        gateways.kz.useEndpoint("RU-GPO", gateways.ru.exchangeUrl().resolve(As4Inbound.PATH));
        gateways.ru.useEndpoint("KZ-GPO", gateways.kz.exchangeUrl().resolve(As4Inbound.PATH));
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    private static MessageStatus status(org.mlagateway.Gateway g, Direction direction, String partner, String id) {
        return g.store()
                .message(direction, partner, id)
                .map(StoredMessage::status)
                .orElse(null);
    }

    @Test
    void requestAndResponse_travelByAs4_andAreDeliveredOnlyOnAVerifiedReceipt() {
        ExampleMessages examples = new ExampleMessages(gateways.kz.codec());
        Message request = examples.request("mla-request.xml", "KZ-GPO", "RU-GPO");
        gateways.kz
                .submissions()
                .submit(
                        gateways.kz.codec().write(request),
                        "test",
                        UUID.randomUUID().toString());
        String id = request.getHeader().getMessageId();
        TwoGateways.await("AS4 delivery of " + id, Duration.ofSeconds(30), () -> {
            DemoTranslator.translatePending(gateways.kz);
            return MessageStatus.DELIVERED.equals(status(gateways.kz, Direction.OUT, "RU-GPO", id));
        });
        assertEquals(MessageStatus.RECEIVED, status(gateways.ru, Direction.IN, "KZ-GPO", id));
        StoredMessage sent =
                gateways.kz.store().message(Direction.OUT, "RU-GPO", id).orElseThrow();
        assertTrue(
                new String(sent.envelope(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("eb:Messaging"),
                "the stored envelope is the AS4 package");

        Message response = examples.response("acknowledgement.xml", request);
        gateways.ru
                .submissions()
                .submit(
                        gateways.ru.codec().write(response),
                        "test",
                        UUID.randomUUID().toString());
        String back = response.getHeader().getMessageId();
        TwoGateways.await("AS4 delivery of " + back, Duration.ofSeconds(30), () -> {
            DemoTranslator.translatePending(gateways.ru);
            return MessageStatus.DELIVERED.equals(status(gateways.ru, Direction.OUT, "KZ-GPO", back));
        });
        assertEquals(MessageStatus.RECEIVED, status(gateways.kz, Direction.IN, "RU-GPO", back));
    }
}
