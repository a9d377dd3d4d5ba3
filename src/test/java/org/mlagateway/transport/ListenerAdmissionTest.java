package org.mlagateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.testing.LogCapture;
import org.mlagateway.testing.RawClient;
import org.mlagateway.testing.TwoGateways;

/**
 * What a listener admits, on real sockets: bytes in flight and large requests decided from the
 * headers (503 before the body is sent), connections per address and overall, and the clock of a
 * request's upload. Remote addresses are loopback aliases (127.0.0.2 and up).
 */
class ListenerAdmissionTest {
    private static final int KIB = 1024;
    private static final String OCTETS = "Content-Type: application/octet-stream";
    private static final String CONTINUE = "Expect: 100-continue";

    private static ListenerLimitsConfig budget(
            long bytes, long bytesPerAddress, long large, int maxLarge, int maxLargePerAddress) {
        return new ListenerLimitsConfig(
                null, null, bytes, bytesPerAddress, large, maxLarge, maxLargePerAddress, null, null, null, null);
    }

    private static ListenerLimitsConfig clock(Duration requestTimeout, long minRate, Duration window, Duration idle) {
        return new ListenerLimitsConfig(
                null, null, null, null, null, null, null, requestTimeout, minRate, window, idle);
    }

    /**
     * Starts a request that stays in flight: its head is read (the server said 100 Continue), its body not yet sent.
     */
    private static RawClient inFlight(String from, int port, long length) {
        RawClient client = RawClient.plain(from, port).head("POST", "/echo", length, OCTETS, CONTINUE);
        assertEquals(100, client.next().status(), "the server did not take the request's head");
        return client;
    }

    private static RawClient.Answer refusedUnread(String from, int port, long length) {
        try (RawClient client = RawClient.plain(from, port).head("POST", "/echo", length, OCTETS)) {
            RawClient.Answer answer = client.answer();
            assertEquals(0, client.sent(), "answered only after the body was sent");
            return answer;
        }
    }

    private static void assertAccepted(String from, int port, long length) {
        try (RawClient client = RawClient.plain(from, port).head("POST", "/echo", length, OCTETS)) {
            client.body(length, 16 * KIB, Duration.ZERO);
            RawClient.Answer answer = client.answer();
            assertEquals(200, answer.status(), answer.body());
            assertEquals("received " + length, answer.body());
        }
    }

    @Test
    void bodiesBeyondTheBytesInFlight_areAnswered503WithRetryAfter_beforeTheirBodyIsSent() {
        try (TestListener listener = TestListener.plain(budget(1024 * KIB, 700 * KIB, 8 * 1024 * KIB, 2, 1));
                RawClient first = inFlight("127.0.0.2", listener.port(), 600 * KIB)) {
            int port = listener.port();
            RawClient.Answer sameAddress = refusedUnread("127.0.0.2", port, 200 * KIB);
            assertEquals(503, sameAddress.status());
            assertEquals("5", sameAddress.header("Retry-After"));
            assertEquals("close", sameAddress.header("Connection"));
            assertEquals(503, refusedUnread("127.0.0.3", port, 500 * KIB).status(), "over the overall budget");
            assertAccepted("127.0.0.3", port, 100 * KIB);

            first.body(600 * KIB, 64 * KIB, Duration.ZERO);
            assertEquals("received " + 600 * KIB, first.answer().body());
            assertAccepted("127.0.0.3", port, 500 * KIB);
        }
    }

    @Test
    void largeRequestsBeyondTheirSlots_areAnswered503_beforeTheirBodyIsSent() {
        try (TestListener listener = TestListener.plain(budget(4096 * KIB, 4096 * KIB, 100 * KIB, 2, 1));
                RawClient large = inFlight("127.0.0.2", listener.port(), 300 * KIB)) {
            int port = listener.port();
            assertEquals(503, refusedUnread("127.0.0.2", port, 300 * KIB).status(), "one large request per address");
            try (RawClient second = inFlight("127.0.0.3", port, 300 * KIB)) {
                assertEquals(503, refusedUnread("127.0.0.4", port, 300 * KIB).status(), "two large requests in all");
                assertAccepted("127.0.0.4", port, 50 * KIB);
                second.body(300 * KIB, 64 * KIB, Duration.ZERO);
                assertEquals(200, second.answer().status());
            }
            assertAccepted("127.0.0.4", port, 300 * KIB);
            large.body(300 * KIB, 64 * KIB, Duration.ZERO);
            assertEquals(200, large.answer().status());
        }
    }

    @Test
    void chunkedBodyOverTheBudget_isCutAsItStreams() {
        try (LogCapture log = LogCapture.of(FailureLog.class);
                TestListener listener = TestListener.plain(budget(256 * KIB, 256 * KIB, 8 * 1024 * KIB, 2, 1));
                RawClient client = RawClient.plain("127.0.0.2", listener.port())
                        .head("POST", "/echo", -1, OCTETS, "Transfer-Encoding: chunked")) {
            byte[] chunk = chunk(16 * KIB);
            RawClient.Answer answer = null;
            try {
                for (int i = 0; i < 64; i++) {
                    client.raw(chunk);
                }
                client.raw("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                answer = client.answer();
            } catch (java.io.UncheckedIOException e) {
                // cut while we were still sending, or before we could read the answer
            }
            assertTrue(answer == null || answer.status() == 503, "1 MiB was read over a 256 KiB budget: " + answer);
            assertTrue(client.closedByServer(Duration.ofSeconds(10)), "a chunked body over the budget was not cut");
            TwoGateways.await("the refusal's log line", Duration.ofSeconds(10), () -> !log.lines(
                            Level.WARN, "over the budget of bytes in flight, cut from 127.0.0.2")
                    .isEmpty());
        }
    }

    @Test
    void connectionsBeyondTheLimits_areClosed_unlessAnIdleOneMakesRoom() {
        ListenerLimitsConfig limits =
                new ListenerLimitsConfig(4, 3, null, null, null, null, null, null, null, null, null);
        try (TestListener listener = TestListener.plain(limits);
                RawClient a = inFlight("127.0.0.2", listener.port(), 10);
                RawClient b = inFlight("127.0.0.2", listener.port(), 10);
                RawClient c = inFlight("127.0.0.2", listener.port(), 10)) {
            int port = listener.port();
            try (RawClient fourth = RawClient.plain("127.0.0.2", port)) {
                assertTrue(
                        fourth.closedByServer(Duration.ofSeconds(5)),
                        "a fourth connection from one address stayed open");
            }
            try (RawClient idle = RawClient.plain("127.0.0.3", port).head("GET", "/echo", -1)) {
                assertEquals("ok", idle.answer().body()); // four connections now, this one idle between requests
                try (RawClient newcomer = RawClient.plain("127.0.0.4", port).head("GET", "/echo", -1)) {
                    assertEquals("ok", newcomer.answer().body());
                    assertTrue(
                            idle.closedByServer(Duration.ofSeconds(5)),
                            "the idle connection was not closed to make room");
                }
            }
            for (RawClient busy : List.of(a, b, c)) {
                busy.body(10, 10, Duration.ZERO);
                assertEquals("received 10", busy.answer().body(), "a connection with a request in progress was closed");
            }
        }
    }

    @Test
    void slowButSteadyUpload_passes_thoughItTakesLongerThanTheIdleTimeout() {
        // 2 MiB at about 640 KiB/s takes over 3 s; idle for 1 s is allowed only between requests.
        ListenerLimitsConfig limits =
                clock(Duration.ofSeconds(20), 64 * KIB, Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (TestListener listener = TestListener.plain(limits);
                RawClient client =
                        RawClient.plain("127.0.0.2", listener.port()).head("POST", "/echo", 2048 * KIB, OCTETS)) {
            long start = System.nanoTime();
            client.body(2048 * KIB, 32 * KIB, Duration.ofMillis(50));
            RawClient.Answer answer = client.answer();
            assertTrue(System.nanoTime() - start > Duration.ofSeconds(2).toNanos(), "the upload was not slow");
            assertEquals(200, answer.status(), answer.body());
            assertEquals("received " + 2048 * KIB, answer.body());
        }
    }

    @Test
    void uploadBelowTheMinimumRate_isCut_andLoggedOnce() {
        ListenerLimitsConfig limits =
                clock(Duration.ofSeconds(60), 64 * KIB, Duration.ofSeconds(1), Duration.ofSeconds(10));
        try (LogCapture log = LogCapture.of(FailureLog.class);
                TestListener listener = TestListener.plain(limits);
                RawClient client =
                        RawClient.plain("127.0.0.2", listener.port()).head("POST", "/echo", 1024 * KIB, OCTETS)) {
            long sent = client.bodyUntilRefused(1024 * KIB, 4 * KIB, Duration.ofMillis(250)); // 16 KiB/s
            assertTrue(sent < 1024 * KIB, "the slow body was read to its end");
            assertTrue(client.closedByServer(Duration.ofSeconds(5)));
            TwoGateways.await("the cut's log line", Duration.ofSeconds(10), () -> !log.lines(
                            Level.WARN, "too slowly, cut from 127.0.0.2")
                    .isEmpty());
            assertEquals(1, log.lines(Level.WARN, "too slowly").size(), String.join("\n", log.lines(Level.WARN)));
            assertEquals(List.of(), log.lines(Level.ERROR));
        }
    }

    @Test
    void requestNotCompleteWithinTheRequestTimeout_isCut() {
        ListenerLimitsConfig limits = clock(Duration.ofMillis(1500), 0, Duration.ofSeconds(1), Duration.ofSeconds(10));
        try (LogCapture log = LogCapture.of(FailureLog.class);
                TestListener listener = TestListener.plain(limits);
                RawClient client =
                        RawClient.plain("127.0.0.2", listener.port()).head("POST", "/echo", 1024 * KIB, OCTETS)) {
            long sent = client.bodyUntilRefused(1024 * KIB, 64 * KIB, Duration.ofMillis(500)); // 8 s at this pace
            assertTrue(sent < 1024 * KIB, "the body was read to its end");
            assertTrue(client.closedByServer(Duration.ofSeconds(5)));
            TwoGateways.await("the cut's log line", Duration.ofSeconds(10), () -> !log.lines(
                            Level.WARN, "took too long to arrive, cut from 127.0.0.2")
                    .isEmpty());
        }
    }

    @Test
    void largeDeclaredBody_getsTimeInProportion_beyondTheRequestTimeout() {
        // 1 MiB at 128 KiB/s is 8 s allowed; sent in about 2.4 s, longer than the 1.5 s requestTimeout.
        ListenerLimitsConfig limits = new ListenerLimitsConfig(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Duration.ofMillis(1500),
                0L,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                128L * KIB);
        try (TestListener listener = TestListener.plain(limits);
                RawClient client =
                        RawClient.plain("127.0.0.2", listener.port()).head("POST", "/echo", 1024 * KIB, OCTETS)) {
            long start = System.nanoTime();
            client.body(1024 * KIB, 64 * KIB, Duration.ofMillis(150));
            RawClient.Answer answer = client.answer();
            assertTrue(System.nanoTime() - start > Duration.ofMillis(1500).toNanos(), "the upload was not slow");
            assertEquals(200, answer.status(), answer.body());
            assertEquals("received " + 1024 * KIB, answer.body());
        }
    }

    @Test
    void idleConnection_isClosedAfterTheIdleTimeout_butNotWhileItsRequestIsProcessed() {
        ListenerLimitsConfig limits = clock(Duration.ofSeconds(20), 0, Duration.ofSeconds(1), Duration.ofMillis(500));
        try (TestListener listener = TestListener.plain(limits);
                RawClient client = RawClient.plain("127.0.0.2", listener.port()).head("GET", "/echo", -1)) {
            assertEquals("ok", client.answer().body());
            assertTrue(client.closedByServer(Duration.ofSeconds(5)), "an idle keep-alive connection stayed open");
        }
        try (TestListener listener = TestListener.plain(limits);
                RawClient client = RawClient.plain("127.0.0.2", listener.port())) {
            assertTrue(
                    client.closedByServer(Duration.ofSeconds(5)), "a connection that never sent a request stayed open");
        }
    }

    private static byte[] chunk(int size) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) 'x');
        byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + size + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, size);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    @Test
    void limitsThatContradictEachOther_failWithTheKeyNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new ListenerLimitsConfig(10, 20, null, null, null, null, null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("maxConnectionsPerAddress must be between 1 and 10"), e.getMessage());
        assertFalse(ListenerLimitsConfig.defaults().maxConnections() <= 0);
    }
}
