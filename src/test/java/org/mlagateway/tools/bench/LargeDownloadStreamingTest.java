package org.mlagateway.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.LargeDocuments;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * The download side of a large document: a receiving gateway in a child JVM whose whole heap is
 * 64 MB takes a 150 MB document from its partner, and a domestic system downloads it through the
 * internal API, whole and as a range, intact. It can only answer if the listener writes the
 * document to the connection in pieces as the client takes them; a regression to collecting the
 * answer in memory fails here with an error answer or a broken connection.
 */
class LargeDownloadStreamingTest {
    private static final long SIZE = 150L * 1000 * 1000;
    private static final long RANGE_FROM = 100L * 1000 * 1000 + 7;

    @TempDir
    Path dir;

    @Test
    void aDocumentLargerThanTheGatewaysHeap_isDownloadedWholeAndAsARange() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        Gateway ru = Gateway.start(TwoGateways.config(deployment, "ru-gpo", dir.resolve("ru-data")), Clock.systemUTC());
        Process kz = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeReceiver.class.getName(),
                        deployment.resolve("kz-gpo").resolve("gateway.yaml").toString(),
                        dir.resolve("kz-data").toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(kz.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            while (ready != null && !ready.startsWith("READY ")) {
                ready = out.readLine();
            }
            assertNotNull(ready, "the receiving gateway did not start");
            ru.useEndpoint("KZ-GPO", URI.create(ready.split(" ")[1]));
            URI kzApi = URI.create(ready.split(" ")[3]);

            Message request =
                    new ExampleMessages(ru.codec()).request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
            LargeDocuments.attach(ru.codec(), request, "video-1@ru-gpo", SIZE);
            HttpResponse<String> submitted = LargeDocuments.submit(
                    ru.apiUrl(),
                    ApiClient.token(deployment, "ru-gpo", "domestic"),
                    ru.codec().write(request),
                    "video-1@ru-gpo",
                    SIZE);
            assertEquals(201, submitted.statusCode(), submitted.body());

            String token = ApiClient.token(deployment, "kz-gpo", "mvd-investigation");
            ApiClient mvd = new ApiClient(kzApi, token);
            AtomicReference<JsonNode> claimed = new AtomicReference<>();
            TwoGateways.await("the message at the receiving gateway's queue", Duration.ofMinutes(3), () -> {
                JsonNode items = json(mvd.post("/queues/forwarding/claim?max=1"));
                if (items.size() > 0) {
                    claimed.set(items.get(0));
                }
                return claimed.get() != null;
            });
            String path = "/items/" + claimed.get().get("id").asLong() + "/documents/evidence-1";

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> whole = http.send(
                    HttpRequest.newBuilder(URI.create(kzApi + path))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, whole.statusCode());
            assertEquals(
                    String.valueOf(SIZE),
                    whole.headers().firstValue("Content-Length").orElse(""));
            assertEquals(LargeDocuments.sha256(SIZE), sha256(whole.body(), 0));

            // A second request on the same kept-alive connection: a range from past the middle to the end.
            HttpResponse<InputStream> range = http.send(
                    HttpRequest.newBuilder(URI.create(kzApi + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Range", "bytes=" + RANGE_FROM + "-")
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(206, range.statusCode());
            assertEquals(
                    "bytes " + RANGE_FROM + "-" + (SIZE - 1) + "/" + SIZE,
                    range.headers().firstValue("Content-Range").orElse(""));
            assertEquals(sha256(LargeDocuments.content(SIZE), RANGE_FROM), sha256(range.body(), 0));
        } finally {
            kz.getOutputStream().close();
            if (!kz.waitFor(60, TimeUnit.SECONDS)) {
                kz.destroy();
            }
            ru.close();
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The SHA-256 (lower-case hex) of what {@code in} yields after its first {@code skip} bytes. */
    private static String sha256(InputStream in, long skip) throws Exception {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            in.skipNBytes(skip);
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
