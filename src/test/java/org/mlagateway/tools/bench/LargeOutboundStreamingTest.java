package org.mlagateway.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.LargeDocuments;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * The sending side of a large document: a sending gateway in a child JVM whose whole heap is 80 MB
 * takes a 96 MB document through its internal API, stores it and sends it as an attachment part to
 * the partner in this JVM, which accepts it intact. It can only do so if neither the submission nor
 * the sender holds the document, or a copy of it, in memory; a regression to buffering fails here
 * with an error answer or a message that never arrives.
 */
class LargeOutboundStreamingTest {
    private static final long SIZE = 96L * 1000 * 1000;

    @TempDir
    Path dir;

    @Test
    void aDocumentLargerThanTheSendersHeap_isSubmittedStoredAndSentAsAPart() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        Gateway ru = Gateway.start(TwoGateways.config(deployment, "ru-gpo", dir.resolve("ru-data")), Clock.systemUTC());
        Process kz = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx80m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeReceiver.class.getName(),
                        deployment.resolve("kz-gpo").resolve("gateway.yaml").toString(),
                        dir.resolve("kz-data").toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(kz.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(kz.getOutputStream(), StandardCharsets.UTF_8);
            String ready = out.readLine();
            while (ready != null && !ready.startsWith("READY ")) {
                ready = out.readLine();
            }
            assertNotNull(ready, "the sending gateway did not start");
            URI api = URI.create(ready.split(" ")[3]);
            in.write("ENDPOINT RU-GPO " + ru.exchangeUrl() + "\n");
            in.flush();
            assertEquals("OK", out.readLine());

            Message request =
                    new ExampleMessages(ru.codec()).request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
            LargeDocuments.attach(ru.codec(), request, "video-1@kz-gpo", SIZE);
            HttpResponse<String> answer = LargeDocuments.submit(
                    api,
                    ApiClient.token(deployment, "kz-gpo", "mvd-investigation"),
                    ru.codec().write(request),
                    "video-1@kz-gpo",
                    SIZE);
            assertEquals(201, answer.statusCode(), answer.body());

            String id = request.getHeader().getMessageId();
            TwoGateways.await("the document at the partner", Duration.ofMinutes(3), () -> ru.store()
                    .message(Direction.IN, "KZ-GPO", id)
                    .isPresent());
            StoredMessage received =
                    ru.store().message(Direction.IN, "KZ-GPO", id).orElseThrow();
            StoredDocument doc = ru.store().documents(received.pk()).stream()
                    .filter(StoredDocument::inFile)
                    .findFirst()
                    .orElseThrow();
            assertEquals(SIZE, doc.size());
            assertEquals(LargeDocuments.sha256(SIZE), doc.sha256());
        } finally {
            kz.getOutputStream().close();
            if (!kz.waitFor(60, TimeUnit.SECONDS)) {
                kz.destroy();
            }
            ru.close();
        }
    }
}
