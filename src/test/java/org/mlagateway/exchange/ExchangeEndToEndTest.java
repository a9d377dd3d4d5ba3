package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.TwoGateways;
import org.mlagateway.tools.demo.DemoTranslator;

class ExchangeEndToEndTest {
    @TempDir
    static Path dir;

    private static TwoGateways gateways;

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(dir);
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    private static String submit(Gateway from, Message message) {
        byte[] xml = from.codec().write(message);
        from.submissions().submit(xml, "test", UUID.randomUUID().toString());
        return message.getHeader().getMessageId();
    }

    private static MessageStatus status(Gateway g, Direction direction, String partner, String id) {
        return g.store()
                .message(direction, partner, id)
                .map(StoredMessage::status)
                .orElse(null);
    }

    @Test
    void everyRequestKindGoesKzToRu_andEveryResponseComesBack_overRealTls() {
        ExampleMessages examples = new ExampleMessages(gateways.kz.codec());
        List<Message> requests = new ArrayList<>();
        for (ExampleMessages.Exchange pair : ExampleMessages.DEMO) {
            Message request = examples.request(pair.request(), "KZ-GPO", "RU-GPO");
            submit(gateways.kz, request);
            requests.add(request);
        }
        for (Message request : requests) {
            String id = request.getHeader().getMessageId();
            TwoGateways.await("delivery of " + id, Duration.ofSeconds(30), () -> {
                DemoTranslator.translatePending(gateways.kz);
                return MessageStatus.DELIVERED.equals(status(gateways.kz, Direction.OUT, "RU-GPO", id));
            });
            assertEquals(MessageStatus.RECEIVED, status(gateways.ru, Direction.IN, "KZ-GPO", id));
        }
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Message response = examples.response(ExampleMessages.DEMO.get(i).response(), requests.get(i));
            responses.add(submit(gateways.ru, response));
        }
        for (String id : responses) {
            TwoGateways.await("delivery of " + id, Duration.ofSeconds(30), () -> {
                DemoTranslator.translatePending(gateways.ru);
                return MessageStatus.DELIVERED.equals(status(gateways.ru, Direction.OUT, "KZ-GPO", id));
            });
            StoredMessage received =
                    gateways.kz.store().message(Direction.IN, "RU-GPO", id).orElseThrow();
            assertTrue(received.envelope().length > 0, "the raw envelope is kept as evidence");
        }
        for (Message request : requests) {
            long pk = gateways.ru
                    .store()
                    .message(Direction.IN, "KZ-GPO", request.getHeader().getMessageId())
                    .orElseThrow()
                    .pk();
            List<QueueItem> items = gateways.ru.store().queueItemsOf(pk);
            assertEquals(1, items.size(), "every accepted request has one queue item");
            assertTrue(List.of(Queue.FORWARDING, Queue.TRANSLATION)
                    .contains(items.get(0).queue()));
            assertEquals("RU-CENTRAL-AUTHORITY", items.get(0).target());
        }
    }
}
