package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.HostilePartner;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.TwoGateways;

/**
 * One slow or dead partner must not delay deliveries to the others. TR-MOJ's endpoint accepts the
 * connection and never answers; each attempt to it runs to a long deadline. KZ-GPO has two
 * workers and lets at most one of them serve one partner, so RU-GPO's messages go out meanwhile.
 */
class OutboundPartnerIsolationTest {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static HostilePartner tr;

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(
                dir,
                new SendingConfig(
                        Duration.ofMillis(50),
                        Duration.ofMillis(200),
                        Duration.ofHours(48),
                        2,
                        ATTEMPT_TIMEOUT,
                        null,
                        1));
        tr = new HostilePartner(
                new PartnerClient(gateways.deployment, "tr-moj", "kz-gpo").tls,
                "/exchange/v1",
                HostilePartner.silence());
        gateways.kz.useEndpoint("TR-MOJ", tr.url());
    }

    @AfterAll
    static void stop() {
        gateways.close();
        tr.close();
    }

    private static String submit(String file, String to) {
        Message m = new ExampleMessages(gateways.kz.codec()).request(file, "KZ-GPO", to);
        gateways.kz
                .submissions()
                .submit(gateways.kz.codec().write(m), "test", UUID.randomUUID().toString());
        return m.getHeader().getMessageId();
    }

    private static StoredMessage message(String partner, String id) {
        return gateways.kz.store().message(Direction.OUT, partner, id).orElseThrow();
    }

    @Test
    void silentPartner_holdsOneWorkerAtMost_whileAnotherPartnersMessagesAreDelivered() {
        // English documents: TR-MOJ reads them without translation, so they go straight to the send queue.
        String first = submit("provisional-arrest-request.xml", "TR-MOJ");
        TwoGateways.await("a worker hanging on TR-MOJ", DEADLINE, () -> tr.requests() == 1);
        String second = submit("provisional-arrest-request.xml", "TR-MOJ");
        List<String> toRu = List.of(
                submit("transfer-of-proceedings-request.xml", "RU-GPO"),
                submit("transfer-of-proceedings-request.xml", "RU-GPO"),
                submit("transfer-of-proceedings-request.xml", "RU-GPO"));

        for (String id : toRu) {
            TwoGateways.await(
                    "delivery to RU-GPO",
                    DEADLINE,
                    () -> MessageStatus.DELIVERED.equals(message("RU-GPO", id).status()));
        }
        assertNull(tr.served().get(0).ended(), "the attempt to TR-MOJ is still hanging");
        assertEquals(1, tr.requests(), "the other worker never went to TR-MOJ");
        QueueItem waiting =
                gateways.kz.store().queueItemsOf(message("TR-MOJ", second).pk()).get(0);
        assertEquals(QueueItem.State.READY, waiting.state(), "TR-MOJ's second message waits its turn");
        assertEquals(
                QueueItem.State.LEASED,
                gateways.kz
                        .store()
                        .queueItemsOf(message("TR-MOJ", first).pk())
                        .get(0)
                        .state());
    }
}
