package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.As4Mime;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4UserMessage;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.As4Partner;
import org.mlagateway.testing.LargeDocuments;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * Documents as AS4 parts (docs/as4.md#documents): two gateways that speak AS4 to each other carry a
 * message whose two documents were submitted as parts, each as its own compressed, signed and
 * encrypted part, into the receiver's document store intact; a partner whose package lacks a
 * document's part, or whose part is not the content the reference's digest names, gets its ebMS
 * error, the rejection is logged, and nothing is stored.
 */
class As4DocumentPartsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static As4Partner tr;

    @BeforeAll
    static void start() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        As4InboundTest.asAs4Partner(deployment.resolve("kz-gpo/gateway.yaml"), "RU-GPO");
        As4InboundTest.asAs4Partner(deployment.resolve("kz-gpo/gateway.yaml"), "TR-MOJ");
        As4InboundTest.asAs4Partner(deployment.resolve("ru-gpo/gateway.yaml"), "KZ-GPO");
        gateways = TwoGateways.start(dir, deployment, Clock.systemUTC());
        gateways.kz.useEndpoint("RU-GPO", gateways.ru.exchangeUrl().resolve(As4Inbound.PATH));
        gateways.ru.useEndpoint("KZ-GPO", gateways.kz.exchangeUrl().resolve(As4Inbound.PATH));
        tr = new As4Partner(deployment, "tr-moj", "tr-moj");
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void twoDocumentsSubmittedAsParts_travelAsTheirOwnAs4Parts_andArriveIntactInTheStore() throws Exception {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("scan-1@kz-gpo", 300_000L);
        parts.put("scan-2@kz-gpo", 123_457L);
        Message request = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        int n = 0;
        for (Map.Entry<String, Long> p : parts.entrySet()) {
            LargeDocuments.attach(gateways.kz.codec(), request, "scan-" + ++n, p.getKey(), p.getValue());
        }
        HttpResponse<String> answer = LargeDocuments.submit(
                gateways.kz.apiUrl(),
                ApiClient.token(gateways.deployment, "kz-gpo", "mvd-investigation"),
                gateways.kz.codec().write(request),
                parts);
        assertEquals(201, answer.statusCode(), answer.body());
        String id = request.getHeader().getMessageId();
        TwoGateways.await("AS4 delivery of " + id, DEADLINE, () -> gateways.kz
                .store()
                .message(Direction.OUT, "RU-GPO", id)
                .map(m -> m.status() == MessageStatus.DELIVERED)
                .orElse(false));
        String sent = new String(
                gateways.kz
                        .store()
                        .message(Direction.OUT, "RU-GPO", id)
                        .orElseThrow()
                        .envelope(),
                StandardCharsets.ISO_8859_1);
        for (String contentId : parts.keySet()) {
            assertTrue(sent.contains("href=\"cid:" + contentId + "\""), "a PartInfo for " + contentId);
        }
        StoredMessage in =
                gateways.ru.store().message(Direction.IN, "KZ-GPO", id).orElseThrow();
        assertEquals(MessageStatus.RECEIVED, in.status());
        List<StoredDocument> files = gateways.ru.store().documents(in.pk()).stream()
                .filter(StoredDocument::inFile)
                .toList();
        assertEquals(2, files.size());
        for (StoredDocument doc : files) {
            assertEquals(LargeDocuments.sha256(doc.size()), doc.sha256());
            assertTrue(parts.containsValue(doc.size()));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream content = gateways.ru.store().openDocument(in.pk(), doc.documentId(), 0, -1)) {
                digest.update(content.readAllBytes());
            }
            assertEquals(doc.sha256(), HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** A message from TR-MOJ with one document of {@code size} bytes as part {@code contentId}. */
    private static Message withDocument(String contentId, long size) {
        Message m = new ExampleMessages(gateways.kz.codec()).request("mla-request.xml", "TR-MOJ", "KZ-GPO");
        LargeDocuments.attach(gateways.kz.codec(), m, "scan-1", contentId, size);
        return m;
    }

    private static As4UserMessage header(List<As4UserMessage.PartInfo> documents) {
        return As4Partner.header("TR-MOJ", "MLA_REQUEST", "msg@tr-moj.example", documents);
    }

    private static HttpResponse<String> post(As4Mime.Written wire) {
        return tr.post(gateways.kz.exchangeUrl().resolve(As4Inbound.PATH), wire);
    }

    private static boolean stored(Message m) {
        return gateways.kz
                .store()
                .message(Direction.IN, "TR-MOJ", m.getHeader().getMessageId())
                .isPresent();
    }

    @Test
    void partnerSendingADocumentPart_isAnsweredWithAReceipt_andItsResendCreatesNothing() throws Exception {
        String contentId = "scan@tr-moj.example";
        Message m = withDocument(contentId, 5_000);
        byte[] xml = gateways.kz.codec().write(m);
        List<As4UserMessage.PartInfo> info =
                List.of(As4Payload.documentPartInfo(contentId, "application/pdf", "scan-1"));
        List<As4Mime.Part> part = List.of(As4Payload.documentPart(contentId, LargeDocuments.content(5_000)));
        HttpResponse<String> first = post(tr.seal(header(info), xml, part));
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("eb:Receipt"), first.body());
        HttpResponse<String> again = post(tr.seal(header(info), xml, part));
        assertEquals(200, again.statusCode(), again.body());
        StoredMessage in = gateways.kz
                .store()
                .message(Direction.IN, "TR-MOJ", m.getHeader().getMessageId())
                .orElseThrow();
        List<StoredDocument> files = gateways.kz.store().documents(in.pk()).stream()
                .filter(StoredDocument::inFile)
                .toList();
        assertEquals(1, files.size());
        assertEquals(LargeDocuments.sha256(5_000), files.get(0).sha256());
    }

    @Test
    void missingDocumentPart_isRejectedAsMalformed_andNothingIsStored() {
        Message m = withDocument("missing@tr-moj.example", 5_000);
        HttpResponse<String> response =
                post(tr.seal(header(List.of()), gateways.kz.codec().write(m)));
        assertEquals("EBMS:0009 MalformedMessage", As4InboundTest.rejected(gateways.kz, response));
        assertTrue(!stored(m), "nothing is stored");
    }

    @Test
    void documentPartNotMatchingItsReferencesDigest_isRejected_andNothingIsStored() {
        String contentId = "swapped@tr-moj.example";
        Message m = withDocument(contentId, 5_000);
        byte[] other = new byte[5_000];
        HttpResponse<String> response = post(tr.seal(
                header(List.of(As4Payload.documentPartInfo(contentId, "application/pdf", "scan-1"))),
                gateways.kz.codec().write(m),
                List.of(As4Payload.documentPart(contentId, new ByteArrayInputStream(other)))));
        assertEquals("EBMS:0004 DocumentDigestMismatch", As4InboundTest.rejected(gateways.kz, response));
        assertTrue(!stored(m), "nothing is stored");
    }

    @Test
    void partThatNoDocumentNames_isRejectedAsMalformed() {
        Message m = new ExampleMessages(gateways.kz.codec()).request("mla-request.xml", "TR-MOJ", "KZ-GPO");
        String contentId = "stray@tr-moj.example";
        HttpResponse<String> response = post(tr.seal(
                header(List.of(As4Payload.documentPartInfo(contentId, "application/pdf", "scan-1"))),
                gateways.kz.codec().write(m),
                List.of(As4Payload.documentPart(contentId, LargeDocuments.content(100)))));
        assertEquals("EBMS:0009 MalformedMessage", As4InboundTest.rejected(gateways.kz, response));
        assertTrue(!stored(m), "nothing is stored");
    }
}
