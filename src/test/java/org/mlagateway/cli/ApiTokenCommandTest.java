package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.SampleDeployments;

/**
 * {@code api token}: a new 256-bit URL-safe token, shown once, and the {@code tokenSha256} that, pasted
 * into {@code api.clients} as printed, lets that token through a running gateway's internal API.
 */
class ApiTokenCommandTest {
    private static final Pattern TOKEN = Pattern.compile("(?m)^token: (\\S+)$");
    private static final Pattern HASH = Pattern.compile("(?m)^tokenSha256: ([0-9a-f]{64})$");

    @TempDir
    Path dir;

    @Test
    void thePrintedEntryAuthenticatesThePrintedToken() throws Exception {
        Cli.Result made = Cli.run("api", "token", "--client", "case-system", "--role", "operator");
        assertEquals(0, made.code(), made.out());
        String token = group(TOKEN, made.out());
        String hash = group(HASH, made.out());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url without padding: " + token);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest), hash);
        assertNotEquals(
                token, group(TOKEN, Cli.run("api", "token", "--client", "x").out()), "a new token each time");
        String entry = made.out().substring(made.out().indexOf("    - name: case-system"));

        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        Path config = deployment.resolve("kz-gpo/gateway.yaml");
        Files.writeString(config, Files.readString(config).stripTrailing() + "\n" + entry);
        try (Gateway kz =
                Gateway.start(new ConfigLoader().load(config).onFreePorts(dir.resolve("data")), Clock.systemUTC())) {
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(404, get(http, kz, token), "the token is known; the message is not");
            assertEquals(401, get(http, kz, token.substring(1)));
        }
    }

    @Test
    void badRolesAndNamesAreRefusedAndNoTokenIsPrinted() {
        Cli.Streams auditor =
                Cli.runCapturingErrors("api", "token", "--client", "a", "--role", "auditor", "--role", "admin");
        assertEquals(2, auditor.code());
        assertTrue(auditor.err().contains("the auditor role is held alone"), auditor.err());
        assertEquals("", auditor.out());
        Cli.Streams unknown = Cli.runCapturingErrors("api", "token", "--client", "a", "--role", "boss");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown role 'boss'"), unknown.err());
    }

    private static int get(HttpClient http, Gateway kz, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(kz.apiUrl() + "/messages/NO-SUCH-MESSAGE"))
                .header("Authorization", "Bearer " + token)
                .build();
        return Http.text(http, request).statusCode();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
