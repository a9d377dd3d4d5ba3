package org.mlagateway.evidence;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.mlagateway.Gateway;
import org.mlagateway.tools.demo.DemoTsa;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.TsaConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * KZ-GPO and RU-GPO in this JVM (as {@link TwoGateways}, plus the sample time-stamping authority
 * for their checkpoints) after two real exchanges under one message id: KZ-GPO sent it to RU-GPO,
 * and RU-GPO sent KZ-GPO a message of its own under the same id. So KZ-GPO's store holds the id in
 * both directions: an OUT message with RU-GPO's receipt, and an IN message with the receipt KZ-GPO
 * issued.
 */
final class EvidenceFixture implements AutoCloseable {
    final Path deployment;
    final Path kzData;
    final Gateway kz;
    final Gateway ru;
    final DemoTsa tsa;
    final String messageId;

    private EvidenceFixture(Path deployment, Path kzData, Gateway kz, Gateway ru, DemoTsa tsa, String messageId) {
        this.deployment = deployment;
        this.kzData = kzData;
        this.kz = kz;
        this.ru = ru;
        this.tsa = tsa;
        this.messageId = messageId;
    }

    static EvidenceFixture start(Path dir) {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        DemoTsa tsa = DemoTsa.ofSample(deployment);
        Path kzData = dir.resolve("kz-data");
        Gateway ru = Gateway.start(withTsa(TwoGateways.config(deployment, "ru-gpo", dir.resolve("ru-data")),
                tsa, deployment), Clock.systemUTC());
        Gateway kz = Gateway.start(withTsa(TwoGateways.config(deployment, "kz-gpo", kzData), tsa, deployment),
                Clock.systemUTC());
        kz.useEndpoint("RU-GPO", ru.exchangeUrl());
        ru.useEndpoint("KZ-GPO", kz.exchangeUrl());

        Message request = new ExampleMessages(kz.codec()).request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        String id = request.getHeader().getMessageId();
        kz.submissions().submit(kz.codec().write(request), "test", UUID.randomUUID().toString());
        Message own = new ExampleMessages(ru.codec()).request("transit-request.xml", "RU-GPO", "KZ-GPO");
        own.getHeader().setMessageId(id);
        ru.submissions().submit(ru.codec().write(own), "test", UUID.randomUUID().toString());
        awaitDelivered(kz, id);
        awaitDelivered(ru, id);
        return new EvidenceFixture(deployment, kzData, kz, ru, tsa, id);
    }

    /** Delivered, and the sender worker's {@code acked} entry written: nothing more will be logged about it. */
    private static void awaitDelivered(Gateway from, String id) {
        TwoGateways.await("delivery of " + id, Duration.ofSeconds(60), () -> from.store()
                .message(Direction.OUT, partnerOf(from), id)
                .map(m -> StoredMessage.DELIVERED.equals(m.status())).orElse(false)
                && from.store().timeline(id).stream().anyMatch(e -> "acked".equals(e.event())));
    }

    private static String partnerOf(Gateway g) {
        return "KZ-GPO".equals(g.config().authority().id()) ? "RU-GPO" : "KZ-GPO";
    }

    static GatewayConfig withTsa(GatewayConfig c, DemoTsa tsa, Path deployment) {
        MessageLogConfig log = c.log().withTsa(List.of(new TsaConfig(tsa.url(), deployment.resolve("tsa/tsa.pem"),
                null)));
        return new GatewayConfig(c.authority(), c.keys(), c.listeners(), c.storage(), c.partners(), c.routing(),
                c.limits(), c.sending(), log, c.api());
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
