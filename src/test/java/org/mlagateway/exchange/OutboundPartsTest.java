package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.LargeDocuments;
import org.mlagateway.testing.TcpProxy;
import org.mlagateway.testing.TwoGateways;

/**
 * A domestic submission whose document comes as a part of the API request is stored in the file
 * store, sent from there as an encrypted, signed attachment part, and arrives intact; an attempt
 * cut mid-part is retried from the first byte and the partner keeps one message.
 */
class OutboundPartsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long SIZE = 6L * 1024 * 1024 + 17;

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static TcpProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        gateways = TwoGateways.start(dir);
        URI ru = gateways.ru.exchangeUrl();
        proxy = new TcpProxy(ru.getPort());
        gateways.kz.useEndpoint(
                "RU-GPO", new URI(ru.getScheme(), null, ru.getHost(), proxy.port(), ru.getPath(), null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        gateways.close();
        proxy.close();
    }

    private static String submit(String contentId) throws Exception {
        Message request = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        LargeDocuments.attach(gateways.kz.codec(), request, contentId, SIZE);
        HttpResponse<String> answer = LargeDocuments.submit(
                gateways.kz.apiUrl(),
                ApiClient.token(gateways.deployment, "kz-gpo", "mvd-investigation"),
                gateways.kz.codec().write(request),
                contentId,
                SIZE);
        assertEquals(201, answer.statusCode(), answer.body());
        return request.getHeader().getMessageId();
    }

    private static StoredMessage delivered(String id) {
        TwoGateways.await("delivery of " + id, DEADLINE, () -> gateways.kz
                .store()
                .message(Direction.OUT, "RU-GPO", id)
                .map(m -> m.status() == MessageStatus.DELIVERED)
                .orElse(false));
        return gateways.kz.store().message(Direction.OUT, "RU-GPO", id).orElseThrow();
    }

    /** The received document that came as a part: in the partner's file store, with the content sent. */
    private static void arrivedIntact(String id) throws Exception {
        StoredMessage in =
                gateways.ru.store().message(Direction.IN, "KZ-GPO", id).orElseThrow();
        StoredDocument doc = gateways.ru.store().documents(in.pk()).stream()
                .filter(StoredDocument::inFile)
                .findFirst()
                .orElseThrow();
        assertEquals(SIZE, doc.size());
        assertEquals(LargeDocuments.sha256(SIZE), doc.sha256());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream content = gateways.ru.store().openDocument(in.pk(), doc.documentId(), 0, -1)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        assertEquals(doc.sha256(), HexFormat.of().formatHex(digest.digest()));
        // A range near the end, across a boundary of the at-rest segments, read from its segment on.
        long from = SIZE - 3 * 65536 - 100;
        byte[] expected;
        try (InputStream whole = LargeDocuments.content(SIZE)) {
            whole.skipNBytes(from);
            expected = whole.readNBytes(70_000);
        }
        try (InputStream range = gateways.ru.store().openDocument(in.pk(), doc.documentId(), from, 70_000)) {
            assertArrayEquals(expected, range.readAllBytes());
        }
    }

    @Test
    void documentSubmittedAsPart_isStoredInTheFileStore_sentAsPart_andArrivesIntact() throws Exception {
        String id = submit("video-1@kz-gpo");
        StoredMessage out = delivered(id);
        List<StoredDocument> docs = gateways.kz.store().documents(out.pk());
        assertTrue(docs.stream().anyMatch(d -> d.inFile() && d.size() == SIZE), "kept in the file store");
        arrivedIntact(id);
    }

    @Test
    void evidenceBundle_carriesTheDocumentThatCameAsAPart_streamedFromTheStore() throws Exception {
        String id = submit("video-3@kz-gpo");
        delivered(id);
        StoredMessage in =
                gateways.ru.store().message(Direction.IN, "KZ-GPO", id).orElseThrow();
        Path zip = dir.resolve("evidence-" + id + ".zip");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(zip)) {
            gateways.ru.evidence().export(in.pk(), out);
        }
        try (java.util.zip.ZipFile bundle = new java.util.zip.ZipFile(zip.toFile())) {
            java.util.zip.ZipEntry entry = bundle.getEntry("documents/evidence-1.bin");
            assertTrue(entry != null, "the part's document is in the bundle");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream content = bundle.getInputStream(entry)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            assertEquals(LargeDocuments.sha256(SIZE), HexFormat.of().formatHex(digest.digest()));
            String guide = new String(
                    bundle.getInputStream(bundle.getEntry("VERIFY.md")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(guide.contains("documents/evidence-1.bin"), guide);
        }
    }

    /** Closes the connections the sender keeps alive, so that its next attempt opens a new one. */
    private static void freshConnections() {
        proxy.dropConnections();
    }

    private static long storedFiles() throws java.io.IOException {
        Path objects = dir.resolve("ru-data").resolve("documents").resolve("objects");
        if (!java.nio.file.Files.isDirectory(objects)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(objects)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    @Test
    void redeliveryAfterALostAnswer_isADuplicate_whosePartsAreNotStoredAgain() throws Exception {
        long before = storedFiles();
        freshConnections();
        proxy.dropNextAnswerAfter(SIZE);
        String id = submit("video-4@kz-gpo");
        StoredMessage out = delivered(id);
        List<DeliveryAttempt> attempts = gateways.kz.store().attempts(out.pk());
        assertTrue(attempts.size() >= 2, "the attempt whose answer was lost, and the redelivery: " + attempts);
        assertEquals(1, gateways.ru.store().messagesById(id).size());
        assertEquals(before + 1, storedFiles(), "the redelivered part was not written a second time");
        arrivedIntact(id);
    }

    @Test
    void partShorterThanItsDocumentStates_isRefusedAsDigestMismatch_andNothingIsQueued() throws Exception {
        Message request = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        LargeDocuments.attach(gateways.kz.codec(), request, "video-5@kz-gpo", SIZE);
        HttpResponse<String> answer = LargeDocuments.submit(
                gateways.kz.apiUrl(),
                ApiClient.token(gateways.deployment, "kz-gpo", "mvd-investigation"),
                gateways.kz.codec().write(request),
                "video-5@kz-gpo",
                SIZE - 1);
        assertEquals(422, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("DocumentDigestMismatch"), answer.body());
        assertTrue(gateways.kz
                .store()
                .message(Direction.OUT, "RU-GPO", request.getHeader().getMessageId())
                .isEmpty());
    }

    @Test
    void partsSubmissionWithAnUnknownToken_isRefused401() throws Exception {
        Message request = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        LargeDocuments.attach(gateways.kz.codec(), request, "video-6@kz-gpo", SIZE);
        HttpResponse<String> answer = LargeDocuments.submit(
                gateways.kz.apiUrl(), "not-a-token", gateways.kz.codec().write(request), "video-6@kz-gpo", SIZE);
        assertEquals(401, answer.statusCode(), answer.body());
    }

    @Test
    void attemptCutMidPart_isRetriedFromTheStart_andThePartnerKeepsOneMessage() throws Exception {
        freshConnections();
        proxy.cutNextConnectionAfter(SIZE / 2);
        String id = submit("video-2@kz-gpo");
        StoredMessage out = delivered(id);
        List<DeliveryAttempt> attempts = gateways.kz.store().attempts(out.pk());
        assertTrue(attempts.size() >= 2, "the cut attempt and the one that delivered: " + attempts);
        assertEquals("TransportFailed", attempts.get(0).errorCode(), attempts.toString());
        assertEquals(1, gateways.ru.store().messagesById(id).size());
        arrivedIntact(id);
    }
}
