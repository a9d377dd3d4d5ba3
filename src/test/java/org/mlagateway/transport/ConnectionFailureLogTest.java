package org.mlagateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.testing.LogCapture;
import org.mlagateway.testing.RawClient;
import org.mlagateway.testing.TestPki;
import org.mlagateway.testing.TwoGateways;

/**
 * A failed TLS handshake, a plain-HTTP probe on the TLS port and a client that goes away
 * mid-request each log one WARN line with the remote address, rate-limited, and no ERROR and no
 * stack trace (CXF's servlet handler would log an ERROR with 40 lines and a literal {@code {0}}).
 */
class ConnectionFailureLogTest {
    private static TestPki pki;
    private static TestPki stranger;

    @BeforeAll
    static void pkis() {
        pki = TestPki.create("KZ-GPO", "KZ");
        stranger = TestPki.create("XX-GPO", "XX");
    }

    @AfterAll
    static void forget() {
        pki = null;
        stranger = null;
    }

    @Test
    void handshakeFailures_probes_andVanishingClients_logOneWarnEach_withTheAddress_andNoError() throws Exception {
        try (LogCapture everything = LogCapture.everything();
                LogCapture log = LogCapture.of(FailureLog.class);
                TestListener listener = TestListener.tls(ListenerLimitsConfig.defaults(), pki)) {
            int port = listener.port();
            for (int i = 0; i < 3; i++) {
                try (RawClient probe = RawClient.plain("127.0.0.2", port).head("GET", "/echo", -1)) {
                    assertTrue(probe.closedByServer(Duration.ofSeconds(5)), "a plain-HTTP probe was not closed");
                }
            }
            SSLContext distrusting = SSLContext.getInstance("TLS");
            distrusting.init(
                    null, TlsContexts.trustManagers(List.of(stranger.root().certificate())), null);
            assertThrows(UncheckedIOException.class, () -> RawClient.tls("127.0.0.3", port, distrusting));
            try (RawClient vanishing = RawClient.tls("127.0.0.4", port, listener.clientTls())
                    .head("POST", "/echo", 100_000, "Content-Type: application/octet-stream", "Expect: 100-continue")) {
                assertEquals(100, vanishing.next().status());
                vanishing.body(1000, 1000, Duration.ZERO).reset();
            }

            TwoGateways.await(
                    "a WARN line for each failure",
                    Duration.ofSeconds(10),
                    () -> log.lines(Level.WARN).size() >= 3);
            List<String> warnings = log.lines(Level.WARN);
            assertEquals(List.of(), log.lines(Level.ERROR), "ERROR lines were logged");
            assertEquals(List.of(), everything.lines(Level.ERROR), "ERROR lines were logged (by CXF?)");
            assertEquals(List.of(), everything.lines(Level.WARN), "other WARN lines were logged");
            assertEquals(1, log.lines(Level.WARN, "not TLS").size(), String.join("\n", warnings));
            assertEquals(
                    1,
                    log.lines(Level.WARN, "not TLS (a plain-HTTP probe?) on the TLS port from 127.0.0.2")
                            .size());
            assertEquals(
                    1,
                    log.lines(Level.WARN, "TLS handshake failed from 127.0.0.3").size(),
                    String.join("\n", warnings));
            assertEquals(
                    1,
                    log.lines(Level.WARN, "client went away mid-request from 127.0.0.4")
                            .size(),
                    String.join("\n", warnings));
            assertEquals(3, warnings.size(), String.join("\n", warnings));
            assertTrue(warnings.stream().noneMatch(w -> w.contains("{0}")), String.join("\n", warnings));
        }
    }

    @Test
    void repeatedFailuresOfOneKind_areSummarised_notRepeated() {
        FailureLog failures = new FailureLog("test", Duration.ofMillis(300).toNanos());
        try (LogCapture log = LogCapture.of(FailureLog.class)) {
            java.net.InetSocketAddress remote = new java.net.InetSocketAddress("127.0.0.9", 4000);
            for (int i = 0; i < 5; i++) {
                failures.warn(FailureLog.Kind.TLS_HANDSHAKE, remote, "Received fatal alert: handshake_failure");
            }
            failures.warn(FailureLog.Kind.NOT_TLS, remote, "not a TLS record\n2024 ERROR forged line");
            assertEquals(2, log.lines(Level.WARN).size(), String.join("\n", log.lines(Level.WARN)));
            assertTrue(
                    log.lines(Level.WARN, "forged").get(0).contains("record\\u000a2024"),
                    "a control character was logged");
            TwoGateways.await("the end of the interval", Duration.ofSeconds(5), () -> {
                failures.warn(FailureLog.Kind.TLS_HANDSHAKE, remote, "again");
                return log.lines(Level.WARN).size() == 3;
            });
            assertTrue(
                    log.lines(Level.WARN).get(2).matches(".*again \\(\\d+ more since the last such line\\)"),
                    log.lines(Level.WARN).get(2));
        }
    }
}
