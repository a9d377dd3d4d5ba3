package org.mlagateway;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.ListenerConfig;
import org.mlagateway.config.ListenersConfig;
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
}
