package org.mlagateway.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestToken;
import org.mlagateway.testing.TwoGateways;
import org.mlagateway.tools.demo.TokenKeys;

/**
 * {@code /health} watches the token: 200 while KZ-GPO's keys work in it; 503 naming every key once
 * the token is logged out (and still after a login from outside, since the keys' handles died with
 * the logout and only a restart logs in again, a documented limit); 503 once the token is removed.
 * Never 200 while a key cannot work.
 */
class Pkcs11HealthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> KEYS = List.of("keys.signing", "keys.encryption", "keys.tls");

    @TempDir
    static Path dir;

    private static TestToken token;
    private static Gateway kz;

    @BeforeAll
    static void start() {
        token = TestToken.createOrSkip(dir.resolve("hsm"), "KZ-GPO", Pkcs11HealthTest.class);
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        TokenKeys.moveInto(deployment.resolve("kz-gpo"), token.library, token.label, token.pinFile);
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data")), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (kz != null) {
            kz.close();
        }
    }

    @Test
    void health_is503NamingEachKey_whenTheTokenIsLoggedOut_andWhenItIsRemoved() throws Exception {
        HttpResponse<String> healthy = health();
        assertEquals(200, healthy.statusCode(), healthy.body());
        assertFalse(healthy.body().contains("problems"), healthy.body());

        // Someone logs the process out of the token (login state is per process and token).
        try (Tokens outside = new Tokens()) {
            AuthProvider provider =
                    (AuthProvider) outside.token(token.key("signing")).provider();
            provider.logout();
            awaitDown("logged out");
            HttpResponse<String> down = health();
            for (String key : KEYS) {
                assertTrue(
                        down.body().contains(key + ": token 'KZ-GPO' logged out; restart the gateway"),
                        key + " in " + down.body());
            }
            assertTrue(down.body().contains("\"ready\":false"), down.body());

            // Logging in again from outside does not bring the gateway's keys back: their handles are gone.
            login(provider);
            HttpResponse<String> relogged = health();
            assertEquals(503, relogged.statusCode(), relogged.body());
            assertTrue(
                    relogged.body().contains("keys.signing: key 'signing' in token 'KZ-GPO' cannot sign"),
                    relogged.body());
            assertTrue(
                    relogged.body().contains("keys.encryption: key 'encryption' in token 'KZ-GPO' cannot decrypt"),
                    relogged.body());
        }

        // The token goes away altogether.
        Process delete = new ProcessBuilder("softhsm2-util", "--delete-token", "--token", "KZ-GPO")
                .redirectErrorStream(true)
                .start();
        delete.getInputStream().readAllBytes();
        assertTrue(delete.waitFor(60, TimeUnit.SECONDS) && delete.exitValue() == 0, "softhsm2-util --delete-token");
        awaitDown("not present");
        for (String key : KEYS) {
            assertTrue(health().body().contains(key + ": token 'KZ-GPO' not present"), key + " in " + health().body());
        }
    }

    private static void login(AuthProvider provider) throws LoginException {
        char[] pin = token.pin().toCharArray();
        provider.login(
                null, callbacks -> ((javax.security.auth.callback.PasswordCallback) callbacks[0]).setPassword(pin));
    }

    private static void awaitDown(String why) {
        TwoGateways.await("/health 503 because the token is " + why, Duration.ofSeconds(20), () -> {
            HttpResponse<String> response = health();
            return response.statusCode() == 503 && response.body().contains(why);
        });
    }

    private static HttpResponse<String> health() {
        URI uri = kz.apiUrl().resolve("/health");
        return Http.text(
                HTTP,
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build());
    }
}
