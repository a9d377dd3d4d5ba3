package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * Operator logins back off after repeated wrong tokens, per remote address and per client id:
 * 429 with Retry-After, the token not even checked, for a time that doubles with each failure. The
 * test's clock moves time; nothing sleeps. Logins come from several loopback addresses.
 */
class OperatorLoginThrottleTest {
    @TempDir
    static Path dir;

    private static TestClock clock;
    private static Gateway kz;
    private static Path deployment;

    @BeforeAll
    static void start() {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        clock = new TestClock(Instant.now());
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), clock);
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    private static String token(String client) {
        return ApiClient.token(deployment, "kz-gpo", client);
    }

    /** Loads the login form from {@code from} and posts it with its CSRF cookie and field. */
    static RawHttp.Answer login(String from, String client, String token) {
        RawHttp.Answer form = RawHttp.send(from, kz.opsUrl(), "GET", OperatorPages.PATH + "/login", null);
        String cookie = form.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith(Cookies.LOGIN + "="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        String body = "client=" + enc(client) + "&token=" + enc(token) + "&csrf=" + enc(PageClient.csrf(form.body()));
        return RawHttp.send(
                from,
                kz.opsUrl(),
                "POST",
                OperatorPages.PATH + "/login",
                body,
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Cookie",
                cookie);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void wrongTokensForOneClient_holdThatClientBack_fromEveryAddress() {
        String guesser = "127.0.0.41";
        for (int i = 1; i <= 6; i++) {
            assertEquals(401, login(guesser, "operator", "wrong-" + i).status(), "attempt " + i);
        }
        RawHttp.Answer held = login(guesser, "operator", "wrong-7");
        assertEquals(429, held.status());
        assertEquals("1", held.header("Retry-After"));
        assertTrue(held.body().contains(Messages.of("kk").get("login.throttled", "1")), "in the deployment's language");

        String colleague = "127.0.0.42";
        assertEquals(
                429, login(colleague, "operator", token("operator")).status(), "the client is held back everywhere");
        assertEquals(303, login(colleague, "admin", token("admin")).status(), "other clients from elsewhere are not");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(303, login(colleague, "operator", token("operator")).status(), "the wait is over");
        for (int i = 1; i <= 6; i++) {
            assertEquals(
                    401, login(colleague, "operator", "again-" + i).status(), "a success starts the client afresh");
        }
    }

    @Test
    void wrongTokensFromOneAddress_holdThatAddressBack_forEveryClient() {
        String guesser = "127.0.0.43";
        for (int i = 1; i <= 6; i++) {
            assertEquals(401, login(guesser, "nobody-" + i, "x").status());
        }
        RawHttp.Answer held = login(guesser, "admin", token("admin"));
        assertEquals(429, held.status(), "even the right token waits");
        assertFalse(held.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith(Cookies.SESSION + "=")));
        assertEquals(303, login("127.0.0.44", "admin", token("admin")).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(303, login(guesser, "admin", token("admin")).status());
    }

    @Test
    void failedLogins_areOneCountedEntryPerClientAndAddress() {
        String address = "127.0.0.45";
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login(address, "translator", "guess-" + i).status());
        }
        assertEquals(401, login(address, "pasted-secret-1", "").status());
        assertEquals(401, login(address, "pasted-secret-2", "").status());
        kz.access().flushDenials();
        List<LogEntry> entries = LogEntries.latest(kz.store(), "ops-login-failed", 100).stream()
                .filter(e -> e.details().contains("\"remoteAddress\":\"" + address + "\""))
                .toList();
        assertEquals(2, entries.size(), entries.toString());
        assertTrue(entries.stream()
                .anyMatch(e -> e.details().contains("\"client\":\"translator\"")
                        && e.details().contains("\"count\":3")
                        && e.details().contains("\"reasons\":\"wrong-token=3\"")));
        assertTrue(entries.stream()
                .anyMatch(e -> e.details().contains("\"client\":\"(not a configured client)\"")
                        && e.details().contains("\"count\":2")
                        && e.details().contains("unknown-client=2")));
        assertTrue(entries.stream()
                .noneMatch(e ->
                        e.details().contains("pasted-secret") || e.details().contains("guess-")));
    }
}
