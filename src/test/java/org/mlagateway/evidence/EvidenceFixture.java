package org.mlagateway.evidence;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mlagateway.Gateway;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.TsaConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.PersonFields;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.SubmitResult;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;
import org.mlagateway.tools.demo.DemoTsa;

/**
 * KZ-GPO and RU-GPO in this JVM (as {@link TwoGateways}, plus the sample time-stamping authority
 * for their checkpoints) after two real exchanges under one message id: KZ-GPO sent it to RU-GPO,
 * and RU-GPO sent KZ-GPO a message of its own under the same id. So KZ-GPO's store holds the id in
 * both directions: an OUT message with RU-GPO's receipt, and an IN message with the receipt KZ-GPO
 * issued. While its message was under way, KZ-GPO's log also recorded another case (a message of
 * its own to RU-GPO in another conversation) and an operator's login, evidence export and read of
 * the message's persons, so that these sit between the message's entries in the chain.
 */
final class EvidenceFixture implements AutoCloseable {
    final Path deployment;
    final Path kzData;
    final Gateway kz;
    final Gateway ru;
    final DemoTsa tsa;
    final String messageId;
    /** The other case: its message id and conversation id. */
    final String otherMessageId;

    final String otherConversationId;

    /** The operator whose login and evidence export KZ-GPO logged meanwhile. */
    static final String OPERATOR = "operator-olga";

    private EvidenceFixture(
            Path deployment, Path kzData, Gateway kz, Gateway ru, DemoTsa tsa, String messageId, Message other) {
        this.deployment = deployment;
        this.kzData = kzData;
        this.kz = kz;
        this.ru = ru;
        this.tsa = tsa;
        this.messageId = messageId;
        this.otherMessageId = other.getHeader().getMessageId();
        this.otherConversationId = other.getHeader().getConversationId();
    }

    static EvidenceFixture start(Path dir) {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        DemoTsa tsa = DemoTsa.ofSample(deployment);
        Path kzData = dir.resolve("kz-data");
        Gateway ru = Gateway.start(
                withTsa(TwoGateways.config(deployment, "ru-gpo", dir.resolve("ru-data")), tsa, deployment),
                Clock.systemUTC());
        Gateway kz = Gateway.start(
                withTsa(TwoGateways.config(deployment, "kz-gpo", kzData), tsa, deployment), Clock.systemUTC());
        kz.useEndpoint("RU-GPO", ru.exchangeUrl());
        ru.useEndpoint("KZ-GPO", kz.exchangeUrl());

        Message request =
                new ExampleMessages(kz.codec()).request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        String id = request.getHeader().getMessageId();
        SubmitResult submitted = kz.submissions()
                .submit(kz.codec().write(request), "test", UUID.randomUUID().toString());
        kz.store()
                .append(List.of(LogEvent.of("ops-login", null, null, OPERATOR, Map.of("remoteAddress", "192.0.2.7"))));
        kz.store()
                .append(
                        submitted.messagePk(),
                        List.of(
                                LogEvent.of(
                                        "ops-evidence-exported",
                                        id,
                                        request.getHeader().getConversationId(),
                                        OPERATOR,
                                        Map.of()),
                                LogEvent.of(
                                        PersonFields.READ_EVENT,
                                        id,
                                        request.getHeader().getConversationId(),
                                        OPERATOR,
                                        Map.of("view", "ops-message"))));
        Message other = new ExampleMessages(kz.codec()).request("transit-request.xml", "KZ-GPO", "RU-GPO");
        kz.submissions()
                .submit(kz.codec().write(other), "test", UUID.randomUUID().toString());
        Message own = new ExampleMessages(ru.codec()).request("transit-request.xml", "RU-GPO", "KZ-GPO");
        own.getHeader().setMessageId(id);
        ru.submissions().submit(ru.codec().write(own), "test", UUID.randomUUID().toString());
        awaitDelivered(kz, id);
        awaitDelivered(ru, id);
        awaitDelivered(kz, other.getHeader().getMessageId());
        // Whichever message arrived last, another case's entry follows it before the first checkpoint
        // (which the first export signs at the head): so each bundle has other cases' entries to hide.
        kz.store()
                .append(List.of(LogEvent.of(
                        "ops-downloaded",
                        other.getHeader().getMessageId(),
                        other.getHeader().getConversationId(),
                        OPERATOR,
                        Map.of())));
        return new EvidenceFixture(deployment, kzData, kz, ru, tsa, id, other);
    }

    /** Delivered, and the sender worker's {@code acked} entry written: nothing more will be logged about it. */
    private static void awaitDelivered(Gateway from, String id) {
        TwoGateways.await(
                "delivery of " + id,
                Duration.ofSeconds(60),
                () -> from.store()
                                .message(Direction.OUT, partnerOf(from), id)
                                .map(m -> MessageStatus.DELIVERED.equals(m.status()))
                                .orElse(false)
                        && from.store().timeline(id).stream().anyMatch(e -> "acked".equals(e.event())));
    }

    private static String partnerOf(Gateway g) {
        return "KZ-GPO".equals(g.config().authority().id()) ? "RU-GPO" : "KZ-GPO";
    }

    static GatewayConfig withTsa(GatewayConfig c, DemoTsa tsa, Path deployment) {
        MessageLogConfig log =
                c.log().withTsa(List.of(new TsaConfig(tsa.url(), deployment.resolve("tsa/tsa.pem"), null)));
        return new GatewayConfig(
                c.authority(),
                c.keys(),
                c.listeners(),
                c.storage(),
                c.partners(),
                c.routing(),
                c.limits(),
                c.sending(),
                log,
                c.api());
    }

    StoredMessage kzMessage(Direction direction) {
        return kz.store().message(direction, "RU-GPO", messageId).orElseThrow();
    }

    @Override
    public void close() {
        kz.close();
        ru.close();
        tsa.close();
    }
}
