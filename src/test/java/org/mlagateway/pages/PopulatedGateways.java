package org.mlagateway.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.FlakyPartner;
import org.mlagateway.testing.LogEntries;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.TestClock;
import org.mlagateway.testing.TwoGateways;

/**
 * KZ-GPO and RU-GPO with real traffic in KZ-GPO's store, for the operator pages' tests: requests
 * received from RU-GPO (one with an upper-case Kazakh subject, one with markup in its subject), one
 * request sent to RU-GPO and delivered, one that FAILED on a final fault, and one rejected delivery.
 * KZ-GPO reads a ticking {@link TestClock} that a test may move forward (by less than the allowed
 * clock skew, so that RU-GPO still accepts KZ-GPO's signatures).
 */
final class PopulatedGateways implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String KAZAKH_SUBJECT = "ӨТІНІШ: АЛАЯҚТЫҚ ІСІ БОЙЫНША";
    static final String MARKUP_SUBJECT = "<b>Транзит</b> & \"бағыт\"";

    final TestClock clock = TestClock.ticking();
    final TwoGateways gateways;
    final ExampleMessages examples;
    final List<String> received = new ArrayList<>();
    final String kazakh;
    final String markup;
    final String arrest;
    final String delivered;
    final String failed;
    final String rejectedCorrelationId;

    PopulatedGateways(Path dir) throws IOException {
        gateways = TwoGateways.start(dir, TwoGateways.FAST_RETRIES, clock);
        examples = new ExampleMessages(gateways.kz.codec());
        Message mla = examples.request("mla-request.xml", "RU-GPO", "KZ-GPO");
        mla.getHeader().getSubject().setValue(KAZAKH_SUBJECT);
        mla.getHeader().getSubject().setLang("kk");
        kazakh = fromRu(mla);
        Message transit = examples.request("transit-request.xml", "RU-GPO", "KZ-GPO");
        transit.getHeader().getSubject().setValue(MARKUP_SUBJECT);
        markup = fromRu(transit);
        arrest = fromRu(examples.request("provisional-arrest-request.xml", "RU-GPO", "KZ-GPO"));
        fromRu(examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO"));
        delivered = toRu();
        TwoGateways.await("delivery of " + delivered, DEADLINE, () -> status(delivered) == MessageStatus.DELIVERED);
        PartnerClient ru = new PartnerClient(gateways.deployment, "ru-gpo", "kz-gpo");
        try (FlakyPartner flaky = new FlakyPartner(
                ru.tls, new PartnerClient(gateways.deployment, "kz-gpo", "ru-gpo"), gateways.ru.exchangeUrl())) {
            flaky.script(FlakyPartner.Step.FINAL_FAULT);
            gateways.kz.useEndpoint("RU-GPO", flaky.url());
            failed = toRu();
            TwoGateways.await("failure of " + failed, DEADLINE, () -> status(failed) == MessageStatus.FAILED);
        } finally {
            gateways.kz.useEndpoint("RU-GPO", gateways.ru.exchangeUrl());
        }
        var fault = ru.post(gateways.kz.exchangeUrl(), "<not-soap/>".getBytes(StandardCharsets.UTF_8));
        var uuid = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .matcher(fault.body());
        if (!uuid.find()) {
            throw new AssertionError("no correlation id in the fault: " + fault.body());
        }
        rejectedCorrelationId = uuid.group();
    }

    private String fromRu(Message m) {
        gateways.ru
                .submissions()
                .submit(gateways.ru.codec().write(m), "test", UUID.randomUUID().toString());
        String id = m.getHeader().getMessageId();
        TwoGateways.await(
                "arrival of " + id,
                DEADLINE,
                () -> !gateways.kz.store().messagesById(id).isEmpty());
        received.add(id);
        return id;
    }

    private String toRu() {
        Message m = examples.request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        gateways.kz
                .submissions()
                .submit(gateways.kz.codec().write(m), "test", UUID.randomUUID().toString());
        return m.getHeader().getMessageId();
    }

    MessageStatus status(String outgoingId) {
        return gateways.kz
                .store()
                .message(Direction.OUT, "RU-GPO", outgoingId)
                .map(StoredMessage::status)
                .orElse(null);
    }

    long pk(String messageId) {
        return gateways.kz.store().messagesById(messageId).get(0).pk();
    }

    /** The latest entries of KZ-GPO's log with this event, newest first. */
    List<LogEntry> entries(String event) {
        return LogEntries.latest(gateways.kz.store(), event, 1000);
    }

    @Override
    public void close() {
        gateways.close();
    }
}
