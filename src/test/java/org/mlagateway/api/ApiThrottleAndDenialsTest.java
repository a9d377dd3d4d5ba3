package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.store.LogEntry;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.LogEntries;
import org.mlagateway.testing.RawHttp;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestClock;
import org.mlagateway.testing.TwoGateways;
import org.slf4j.LoggerFactory;

/**
 * Bad tokens back off per remote address (429 with Retry-After, time driven by the test's clock,
 * nothing sleeps); denied calls become one counted log entry per client, address and minute; long
 * paths are cut, never dropped; and no path can forge a line of the application log. Requests come
 * from several loopback addresses, over plain sockets, so each test has addresses of its own.
 */
class ApiThrottleAndDenialsTest {
    private static final Pattern LINE_START =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) [A-Z]+ .*");

    @TempDir
    static Path dir;

    private static TestClock clock;
    private static Gateway kz;
    private static String operator;
    private static String mvd;

    @BeforeAll
    static void start() {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        clock = new TestClock(Instant.now());
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), clock);
        operator = ApiClient.token(deployment, "kz-gpo", "operator");
        mvd = ApiClient.token(deployment, "kz-gpo", "mvd-investigation");
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    @BeforeEach
    void freshCounts() {
        kz.access().flushDenials();
    }

    private static RawHttp.Answer get(String from, String token, String path) {
        return token == null
                ? RawHttp.send(from, kz.apiUrl(), "GET", InternalApi.BASE + path, null)
                : RawHttp.send(
                        from, kz.apiUrl(), "GET", InternalApi.BASE + path, null, "Authorization", "Bearer " + token);
    }

    /** The api-denied entries written for one remote address, oldest first. */
    private static List<LogEntry> denied(String address) {
        List<LogEntry> all = new java.util.ArrayList<>(LogEntries.latest(kz.store(), "api-denied", 1000).stream()
                .filter(e -> e.details().contains("\"remoteAddress\":\"" + address + "\""))
                .toList());
        java.util.Collections.reverse(all);
        return all;
    }

    @Test
    void wrongTokens_fromOneAddress_backOffExponentially_with429AndRetryAfter() {
        String guesser = "127.0.0.21";
        for (int i = 1; i <= 6; i++) {
            assertEquals(401, get(guesser, "wrong-" + i, "/deadlines").status(), "attempt " + i + " is free");
        }
        RawHttp.Answer locked = get(guesser, "wrong-7", "/deadlines");
        assertEquals(429, locked.status(), locked.body());
        assertEquals("1", locked.header("Retry-After"));
        assertTrue(locked.body().contains("urn:mla-gateway:problem:TooManyRequests"), locked.body());
        assertEquals(429, get(guesser, operator, "/deadlines").status(), "refused without the token being looked at");
        assertEquals(401, get(guesser, null, "/deadlines").status(), "no token is no guess");
        assertEquals(200, get("127.0.0.22", operator, "/deadlines").status(), "another address is not held back");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, get(guesser, "wrong-8", "/deadlines").status());
        RawHttp.Answer longer = get(guesser, "wrong-9", "/deadlines");
        assertEquals(429, longer.status());
        assertEquals("2", longer.header("Retry-After"), "the wait doubles with each failure");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, get(guesser, operator, "/deadlines").status());
    }

    @Test
    void deniedCalls_areOneCountedEntryPerClientAndAddress_notOnePerRequest() {
        String address = "127.0.0.31";
        for (int i = 0; i < 40; i++) {
            assertEquals(401, get(address, null, "/deadlines").status());
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(403, get(address, mvd, "/deadlines").status());
        }
        kz.access().flushDenials();

        List<LogEntry> entries = denied(address);
        assertEquals(2, entries.size(), entries.toString());
        LogEntry anonymous = entries.stream()
                .filter(e -> !e.details().contains("\"client\""))
                .findFirst()
                .orElseThrow();
        assertTrue(
                anonymous.details().contains("\"count\":40")
                        && anonymous.details().contains("\"reasons\":\"Unauthenticated=40\""),
                anonymous.details());
        LogEntry forbidden = entries.stream()
                .filter(e -> e.details().contains("\"client\":\"mvd-investigation\""))
                .findFirst()
                .orElseThrow();
        assertTrue(
                forbidden.details().contains("\"count\":10")
                        && forbidden.details().contains("Forbidden=10"),
                forbidden.details());
    }

    @Test
    void anIntervalThatEnded_isWrittenWithoutBeingAsked() {
        String address = "127.0.0.32";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, get(address, null, "/deadlines").status());
        }
        clock.advance(Duration.ofMinutes(1));
        assertEquals(401, get(address, null, "/deadlines").status(), "the first denial of the next minute");
        TwoGateways.await(
                "the ended minute's entry",
                Duration.ofSeconds(10),
                () -> denied(address).size() == 1);
        assertTrue(
                denied(address).get(0).details().contains("\"count\":5"),
                denied(address).get(0).details());
        kz.access().flushDenials();
        assertTrue(
                denied(address).get(1).details().contains("\"count\":1"),
                denied(address).toString());
    }

    @Test
    void aDeniedPathOfThousandsOfCharacters_isCut_notDropped() {
        String address = "127.0.0.33";
        String path = "/messages/" + "x".repeat(3_000);
        assertEquals(401, get(address, null, path).status());
        kz.access().flushDenials();
        List<LogEntry> entries = denied(address);
        assertEquals(1, entries.size());
        String details = entries.get(0).details();
        assertTrue(details.contains("\"path\":\"messages/xxx") && details.contains("x…\""), details);
        assertTrue(details.length() < 600, details.length() + " characters");
    }

    @Test
    void aPathWithAnEncodedLineBreak_cannotForgeALineOfTheApplicationLog() throws Exception {
        LoggerContext live = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(live);
        captured.start();
        Logger root = live.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        try {
            String forged = "12:00:00.000%20ERROR%20o.m.e.InboundExchange%20ACCEPTED%20forged";
            assertEquals(
                    401,
                    get("127.0.0.34", null, "/messages/a%0a" + forged + "%0d%0a" + forged)
                            .status());
            kz.access().flushDenials();
        } finally {
            root.detachAppender(captured);
        }
        List<ILoggingEvent> events = List.copyOf(captured.list);
        assertTrue(
                events.stream().anyMatch(e -> e.getFormattedMessage().contains("\n12:00:00.000 ERROR")),
                "the decoded path holds line breaks: " + events);

        // Encode what was logged with the production configuration's own encoder.
        LoggerContext production = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(production);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        try {
            var appender = (ConsoleAppender<ILoggingEvent>)
                    production.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
            for (ILoggingEvent e : events) {
                String text = new String(appender.getEncoder().encode(e), StandardCharsets.UTF_8);
                List<String> lines = text.lines().toList();
                assertEquals(1, lines.size(), "one event, one line: " + text);
                assertTrue(LINE_START.matcher(lines.get(0)).matches(), lines.get(0));
            }
            assertTrue(events.stream()
                    .map(e -> new String(appender.getEncoder().encode(e), StandardCharsets.UTF_8))
                    .anyMatch(line -> line.contains("a\\n12:00:00.000 ERROR") && line.contains("forged\\r\\n12:00")));
        } finally {
            production.stop();
        }
    }
}
