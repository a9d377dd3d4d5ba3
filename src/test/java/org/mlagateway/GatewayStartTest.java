package org.mlagateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.ListenerConfig;
import org.mlagateway.config.ListenersConfig;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.CheckpointVerifier;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.Store;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

class GatewayStartTest {
    @TempDir
    Path dir;

    @Test
    void internalPortInUse_failsTheStart_andReleasesWhatHadStarted() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        GatewayConfig base = TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz"));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            GatewayConfig clash = new GatewayConfig(
                    base.authority(),
                    base.keys(),
                    new ListenersConfig(
                            new ListenerConfig("127.0.0.1", 0), new ListenerConfig("127.0.0.1", taken.getLocalPort())),
                    base.storage(),
                    base.partners(),
                    base.routing(),
                    base.limits(),
                    base.sending(),
                    base.log(),
                    base.api());
            assertThrows(RuntimeException.class, () -> Gateway.start(clash, Clock.systemUTC()));
        }
        // The embedded store was closed: the same data directory opens again at once.
        try (Gateway again = Gateway.start(base, Clock.systemUTC())) {
            again.store().verify(1, org.mlagateway.store.ProgressListener.NONE);
        }
    }

    /**
     * A node that fails to bind its internal listener has claimed nothing by then: the sender starts
     * only once every listener is bound. The failing start runs two hours ahead, so that the message
     * the first life left for a retry in an hour is due for it.
     */
    @Test
    void aStartThatFails_claimsNothing() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        SendingConfig slowRetries = new SendingConfig(
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(48), 1, Duration.ofSeconds(5), null, null);
        GatewayConfig base =
                TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")).withSending(slowRetries);
        long pk;
        try (Gateway first = Gateway.start(base, Clock.systemUTC())) {
            first.useEndpoint("RU-GPO", URI.create("https://127.0.0.1:" + closedPort() + "/exchange"));
            Message m = new ExampleMessages(first.codec())
                    .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
            first.submissions()
                    .submit(first.codec().write(m), "test", UUID.randomUUID().toString());
            pk = first.store()
                    .message(Direction.OUT, "RU-GPO", m.getHeader().getMessageId())
                    .orElseThrow()
                    .pk();
            TwoGateways.await("the first attempt to fail and wait for its retry", Duration.ofSeconds(30), () -> {
                QueueItem item = first.store().queueItemsOf(pk).get(0);
                return item.state() == QueueItem.State.READY && item.attempts() == 1;
            });
        }
        long claimsBefore = claims(base, pk);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            GatewayConfig clash = base.withListeners(new ListenersConfig(
                    new ListenerConfig("127.0.0.1", 0), new ListenerConfig("127.0.0.1", taken.getLocalPort())));
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
            assertThrows(RuntimeException.class, () -> Gateway.start(clash, later));
        }
        assertEquals(claimsBefore, claims(base, pk), "claimed entries of the message after the failed start");
    }

    private static long claims(GatewayConfig config, long pk) {
        try (Store store = Store.openForAudit(
                config.storage(),
                Clock.systemUTC(),
                CheckpointVerifier.NONE,
                org.mlagateway.atrest.AtRest.sealing(config.storage(), Clock.systemUTC()))) {
            List<LogEntry> timeline = store.timeline(pk);
            assertEquals(QueueItem.State.READY, store.queueItemsOf(pk).get(0).state());
            return timeline.stream().filter(e -> e.event().equals("claimed")).count();
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
