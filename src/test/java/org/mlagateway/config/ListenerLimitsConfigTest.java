package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each listener's limits: read from the YAML with documented defaults, checked against the body limits. */
class ListenerLimitsConfigTest {
    private static final String YAML = """
            authority: { id: KZ-GPO, country: KZ, name: "General Prosecutor's Office" }
            keys:
              signing: { keystore: keys/signing.p12, password: { file: secrets/pw } }
              encryption: { keystore: keys/encryption.p12, password: { file: secrets/pw } }
              tls: { keystore: keys/tls.p12, password: { file: secrets/pw } }
            listeners:
              external:
                port: 8443
                %s
              internal: { port: 8080 }
            partners: []
            routing:
              bodies: [MVD-INVESTIGATION]
              rules:
                - { name: default, target: MVD-INVESTIGATION }
            """;

    @TempDir
    Path dir;

    private GatewayConfig parse(String externalLimits) {
        return new ConfigLoader().parse(YAML.formatted(externalLimits), dir);
    }

    @Test
    void limitsLeftOut_takeTheirDocumentedDefaults_perListener() {
        GatewayConfig config = parse("host: 127.0.0.1");
        for (ListenerConfig listener : java.util.List.of(
                config.listeners().external(), config.listeners().internal())) {
            ListenerLimitsConfig limits = listener.limits();
            assertEquals(256, limits.maxConnections());
            assertEquals(64, limits.maxConnectionsPerAddress());
            assertEquals(128L << 20, limits.maxBytesInFlight());
            assertEquals(64L << 20, limits.maxBytesInFlightPerAddress());
            assertEquals(1L << 20, limits.largeRequestBytes());
            assertEquals(2, limits.maxLargeRequests());
            assertEquals(1, limits.maxLargeRequestsPerAddress());
            assertEquals(Duration.ofMinutes(5), limits.requestTimeout());
            assertEquals(16384, limits.minUploadBytesPerSecond());
            assertEquals(Duration.ofSeconds(10), limits.uploadRateWindow());
            assertEquals(Duration.ofSeconds(60), limits.idleTimeout());
            assertEquals(1L << 20, limits.timeoutBytesPerSecond());
        }
    }

    @Test
    void requestTimeout_growsWithTheDeclaredBody_atTheConfiguredRate() {
        ListenerLimitsConfig limits = parse("limits: { requestTimeout: 60s, timeoutBytesPerSecond: 1000000 }")
                .listeners()
                .external()
                .limits();
        assertEquals(Duration.ofSeconds(60), limits.requestTimeoutFor(-1), "chunked: the timeout as configured");
        assertEquals(Duration.ofSeconds(60), limits.requestTimeoutFor(0));
        assertEquals(Duration.ofSeconds(60), limits.requestTimeoutFor(60_000_000L), "what 60 s carry");
        assertEquals(Duration.ofMillis(60_000_001L / 1000), limits.requestTimeoutFor(60_000_001L));
        assertEquals(Duration.ofSeconds(4000), limits.requestTimeoutFor(4_000_000_000L));
        assertEquals(Duration.ofMillis(4_294_967), limits.requestTimeoutFor(4L << 30));
        assertEquals(
                Duration.ofMillis(Long.MAX_VALUE / 1_000_000 * 1000 + Long.MAX_VALUE % 1_000_000 / 1000),
                limits.requestTimeoutFor(Long.MAX_VALUE),
                "no overflow");
    }

    @Test
    void attemptDeadline_growsWithTheBody_atTheConfiguredRate() {
        SendingConfig sending =
                new SendingConfig(null, null, null, null, Duration.ofSeconds(60), null, null, 2_000_000L);
        assertEquals(Duration.ofSeconds(60), sending.attemptTimeoutFor(0));
        assertEquals(Duration.ofSeconds(61), sending.attemptTimeoutFor(2_000_000));
        assertEquals(Duration.ofSeconds(60 + 2000), sending.attemptTimeoutFor(4_000_000_000L));
        assertEquals(Duration.ofMillis(60_000 + 500), sending.attemptTimeoutFor(1_000_000));
        assertEquals(
                SendingConfig.DEFAULT_MIN_BYTES_PER_SECOND,
                SendingConfig.defaults().minBytesPerSecond());
    }

    @Test
    void limitsGiven_areRead_andThePerAddressDefaultsNeverExceedTheTotals() {
        ListenerLimitsConfig limits = parse("limits: { maxConnections: 20, maxBytesInFlight: 40000000,"
                        + " requestTimeout: 90s, idleTimeout: 500ms }")
                .listeners()
                .external()
                .limits();
        assertEquals(20, limits.maxConnections());
        assertEquals(20, limits.maxConnectionsPerAddress());
        assertEquals(40_000_000L, limits.maxBytesInFlight());
        assertEquals(40_000_000L, limits.maxBytesInFlightPerAddress());
        assertEquals(Duration.ofSeconds(90), limits.requestTimeout());
        assertEquals(Duration.ofMillis(500), limits.idleTimeout());
    }

    @Test
    void unknownLimit_isReportedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("limits: { maxConections: 20 }"));
        assertTrue(e.getMessage().contains("unknown key 'listeners.external.limits.maxConections'"), e.getMessage());
    }

    @Test
    void bytesInFlightBelowTheBodyLimit_isRefused_namingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("limits: { maxBytesInFlight: 1048576 }"));
        assertTrue(
                e.getMessage()
                        .contains("'listeners.external.limits.maxBytesInFlight': must be at least"
                                + " limits.maxEnvelopeBytes"),
                e.getMessage());
    }
}
