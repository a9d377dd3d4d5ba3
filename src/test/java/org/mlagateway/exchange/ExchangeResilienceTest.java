package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.StateReport;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.FlakyPartner;
import org.mlagateway.testing.FlakyPartner.Step;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.TwoGateways;

/** A partner that is down, busy or faulting gets everything once it recovers, exactly once. */
class ExchangeResilienceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static FlakyPartner flaky;

    @BeforeAll
    static void start() throws IOException {
        gateways = TwoGateways.start(dir);
        PartnerClient ru = new PartnerClient(gateways.deployment, "ru-gpo", "kz-gpo");
        PartnerClient forwarder = new PartnerClient(gateways.deployment, "kz-gpo", "ru-gpo");
        flaky = new FlakyPartner(ru.tls, forwarder, gateways.ru.exchangeUrl());
    }

    @AfterAll
    static void stop() {
        flaky.close();
        gateways.close();
    }

    @AfterEach
    void reconnect() {
        gateways.kz.useEndpoint("RU-GPO", gateways.ru.exchangeUrl());
    }

    private static String submit() {
        // A request in Russian: RU-GPO reads it without translation, so it goes straight to the send queue.
        Message m = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        gateways.kz
                .submissions()
                .submit(gateways.kz.codec().write(m), "test", UUID.randomUUID().toString());
        return m.getHeader().getMessageId();
    }

    private static MessageStatus status(String id) {
        return gateways.kz
                .store()
                .message(Direction.OUT, "RU-GPO", id)
                .map(StoredMessage::status)
                .orElse(null);
    }

    private static List<String> kzEvents(String id) {
        return gateways.kz.store().timeline(id).stream().map(LogEntry::event).toList();
    }

    private static long count(List<String> events, String event) {
        return events.stream().filter(event::equals).count();
    }

    /** Exactly once at RU: one message, and one queue item for it. */
    private static void assertReceivedOnce(String id) {
        assertEquals(
                1,
                gateways.ru.store().timeline(id).stream()
                        .map(LogEntry::event)
                        .filter("received"::equals)
                        .count(),
                "received once");
        long pk = gateways.ru
                .store()
                .message(Direction.IN, "KZ-GPO", id)
                .orElseThrow()
                .pk();
        assertEquals(1, gateways.ru.store().queueItemsOf(pk).size(), "one queue item");
    }

    /**
     * Every queue item, status and receipt at both gateways follows from their logs, read while their
     * workers may still be acking (the cross-check reads one snapshot).
     */
    private static void assertStateAgreesWithTheLog() {
        for (var store : List.of(gateways.kz.store(), gateways.ru.store())) {
            StateReport report = store.crossCheckState(ProgressListener.NONE);
            assertTrue(report.ok(), report.findings().toString());
            assertEquals(0, report.notDerivable());
        }
    }

    /**
     * An address on which every connection is refused for as long as {@code held} stays open: the
     * port is bound by a socket that never listens, so the kernel answers each SYN with a reset, and
     * no other socket can take the port meanwhile (a server socket opened and closed again would
     * leave the port free for anyone to bind before the test connects).
     */
    private static URI refusedAddress(Socket held) throws IOException {
        held.setReuseAddress(false);
        held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return URI.create("https://127.0.0.1:" + held.getLocalPort() + "/exchange/v1");
    }

    @Test
    void partnerDownForAWhile_getsTheMessageOnceItIsBack() throws IOException {
        try (Socket held = new Socket()) {
            gateways.kz.useEndpoint("RU-GPO", refusedAddress(held));
            String id = submit();
            TwoGateways.await("two failed attempts", DEADLINE, () -> count(kzEvents(id), "attempt-failed") >= 2);
            gateways.kz.useEndpoint("RU-GPO", gateways.ru.exchangeUrl());
            TwoGateways.await("delivery", DEADLINE, () -> MessageStatus.DELIVERED.equals(status(id)));
            assertReceivedOnce(id);
            assertStateAgreesWithTheLog();
        }
    }

    @Test
    void partnerAnswering503_isRetriedUntilItRecovers() {
        flaky.script(Step.UNAVAILABLE_503, Step.UNAVAILABLE_503, Step.UNAVAILABLE_503);
        gateways.kz.useEndpoint("RU-GPO", flaky.url());
        String id = submit();
        TwoGateways.await("delivery", DEADLINE, () -> MessageStatus.DELIVERED.equals(status(id)));
        assertEquals(3, count(kzEvents(id), "attempt-failed"));
        assertReceivedOnce(id);
        assertStateAgreesWithTheLog();
    }

    @Test
    void retryableFault_isRetried() {
        flaky.script(Step.RETRYABLE_FAULT, Step.RETRYABLE_FAULT);
        gateways.kz.useEndpoint("RU-GPO", flaky.url());
        String id = submit();
        TwoGateways.await("delivery", DEADLINE, () -> MessageStatus.DELIVERED.equals(status(id)));
        assertEquals(2, count(kzEvents(id), "attempt-failed"));
        assertReceivedOnce(id);
        assertStateAgreesWithTheLog();
    }

    @Test
    void lostReceipt_isRetriedAndTheDuplicateReceiptCompletesIt_withNothingNewAtThePartner() {
        flaky.script(Step.LOSE_RECEIPT);
        gateways.kz.useEndpoint("RU-GPO", flaky.url());
        String id = submit();
        TwoGateways.await("delivery", DEADLINE, () -> MessageStatus.DELIVERED.equals(status(id)));
        assertTrue(gateways.kz.store().timeline(id).stream()
                .anyMatch(
                        e -> "receipt-received".equals(e.event()) && e.details().contains("DUPLICATE")));
        assertEquals(
                List.of("received", "stored", "routed", "duplicate-received"),
                gateways.ru.store().timeline(id).stream().map(LogEntry::event).toList());
        assertReceivedOnce(id);
        assertStateAgreesWithTheLog();
    }

    @Test
    void finalFault_failsTheMessageAndKeepsTheFault() {
        flaky.script(Step.FINAL_FAULT);
        gateways.kz.useEndpoint("RU-GPO", flaky.url());
        String id = submit();
        TwoGateways.await("failure", DEADLINE, () -> MessageStatus.FAILED.equals(status(id)));
        LogEntry failed = gateways.kz.store().timeline(id).stream()
                .filter(e -> "failed".equals(e.event()))
                .findFirst()
                .orElseThrow();
        assertTrue(failed.details().contains("SchemaInvalid"), failed.details());
        assertEquals(0, gateways.ru.store().timeline(id).size(), "nothing reached the partner");
        assertStateAgreesWithTheLog();
    }
}
