package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.PersonFields;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.LargeDocuments;
import org.mlagateway.testing.LogEntries;
import org.mlagateway.testing.TwoGateways;

/**
 * The documents of a message on its detail page, over real HTTP on KZ-GPO's internal listener: one
 * submitted as an API part (kept encrypted in the file store, across several at-rest segments) and
 * one inline. The operator downloads each as an attachment with the exact bytes, each download one
 * person-data read entry; the auditor sees no link and is refused; the evidence bundle, written to
 * the answer without a temporary file, carries the part's document.
 */
class DocumentDownloadPagesTest {
    /** Over three 64 KiB at-rest segments and not a multiple of one. */
    private static final long SIZE = 3L * 65536 + 4099;

    @TempDir
    static Path dir;

    static TwoGateways gateways;
    static PageClient operator;
    static PageClient auditor;
    static long pk;
    static String messageId;

    @BeforeAll
    static void start() throws Exception {
        gateways = TwoGateways.start(dir);
        Message request = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        LargeDocuments.attach(gateways.kz.codec(), request, "video-1@kz-gpo", SIZE);
        HttpResponse<String> answer = LargeDocuments.submit(
                gateways.kz.apiUrl(),
                token("mvd-investigation"),
                gateways.kz.codec().write(request),
                "video-1@kz-gpo",
                SIZE);
        assertEquals(201, answer.statusCode(), answer.body());
        messageId = request.getHeader().getMessageId();
        pk = gateways.kz.store().messagesById(messageId).get(0).pk();
        operator = new PageClient(gateways.kz.opsUrl());
        assertEquals(303, operator.login("operator", token("operator")).statusCode());
        auditor = new PageClient(gateways.kz.opsUrl());
        assertEquals(303, auditor.login("auditor", token("auditor")).statusCode());
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    static String token(String client) {
        return ApiClient.token(gateways.deployment, "kz-gpo", client);
    }

    static StoredDocument document(boolean inFile) {
        return gateways.kz.store().documents(pk).stream()
                .filter(d -> d.inFile() == inFile)
                .findFirst()
                .orElseThrow();
    }

    static List<LogEntry> documentReads(String documentId) {
        return LogEntries.latest(gateways.kz.store(), PersonFields.READ_EVENT, 1000).stream()
                .filter(e -> messageId.equals(e.messageId())
                        && "operator".equals(e.actor())
                        && e.details().contains("\"view\":\"ops-document\"")
                        && e.details().contains("\"document\":\"" + documentId + "\""))
                .toList();
    }

    static HttpResponse<byte[]> download(PageClient client, String documentId) {
        return client.download(DocumentAttachment.path(pk, documentId));
    }

    static void isAnAttachment(HttpResponse<byte[]> r, StoredDocument doc) {
        assertEquals(200, r.statusCode());
        assertTrue(
                r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"),
                r.headers().toString());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals(doc.mediaType(), r.headers().firstValue("Content-Type").orElse(null));
        assertEquals(doc.size(), r.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    @Test
    void operator_downloadsTheDocumentKeptInTheFileStore_exactly_andTheReadIsLogged() throws Exception {
        StoredDocument doc = document(true);
        assertEquals(SIZE, doc.size());
        int before = documentReads(doc.documentId()).size();
        HttpResponse<byte[]> r = download(operator, doc.documentId());
        isAnAttachment(r, doc);
        byte[] expected;
        try (InputStream content = LargeDocuments.content(SIZE)) {
            expected = content.readAllBytes();
        }
        assertArrayEquals(expected, r.body());
        assertEquals(before + 1, documentReads(doc.documentId()).size());
    }

    @Test
    void operator_downloadsAnInlineDocument_exactly() {
        StoredDocument doc = document(false);
        assertNotNull(doc.content());
        HttpResponse<byte[]> r = download(operator, doc.documentId());
        isAnAttachment(r, doc);
        assertArrayEquals(doc.content(), r.body());
        assertEquals(1, documentReads(doc.documentId()).size());
    }

    @Test
    void thePageLinksEachDocument_forTheOperatorOnly() {
        HttpResponse<String> page = operator.get("/ops/messages/" + pk);
        assertEquals(200, page.statusCode());
        for (StoredDocument d : gateways.kz.store().documents(pk)) {
            assertTrue(page.body().contains(DocumentAttachment.path(pk, d.documentId())), d.documentId());
        }
        assertTrue(page.body().contains("Download the document"));
        String seen = auditor.get("/ops/messages/" + pk).body();
        assertFalse(seen.contains("/documents/"), "no document link for the auditor");
    }

    @Test
    void auditor_isRefused403_andNothingIsRead() {
        StoredDocument doc = document(true);
        HttpResponse<byte[]> r = download(auditor, doc.documentId());
        assertEquals(403, r.statusCode());
        assertTrue(LogEntries.latest(gateways.kz.store(), PersonFields.READ_EVENT, 1000).stream()
                .noneMatch(e -> "auditor".equals(e.actor()) && e.details().contains("ops-document")));
    }

    @Test
    void unknownDocument_is404() {
        assertEquals(404, download(operator, "no-such-document").statusCode());
        assertEquals(
                404,
                operator.download("/ops/messages/" + (pk + 1000) + "/documents/evidence-1")
                        .statusCode());
    }

    @Test
    void evidenceBundle_isStreamedToTheOperator_withThePartsDocument() throws Exception {
        String csrf = PageClient.csrf(operator.get("/ops/messages/" + pk).body());
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(operator.cookies)
                .build();
        URI base = URI.create(gateways.kz.opsUrl().toString().replaceAll("/ops$", ""));
        Path zip = dir.resolve("bundle.zip");
        HttpRequest export = HttpRequest.newBuilder(base.resolve("/ops/messages/" + pk + "/evidence.zip"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf))
                .build();
        // The pages' store signs no checkpoint itself: the export waits for the gateway's checkpoint
        // worker to cover the message's entries, and until then is refused before its first byte.
        List<HttpResponse<Path>> answer = new java.util.ArrayList<>();
        TwoGateways.await("an evidence bundle of " + messageId, Duration.ofSeconds(60), () -> {
            answer.add(0, Http.send(http, export, HttpResponse.BodyHandlers.ofFile(zip)));
            return answer.get(0).statusCode() == 200;
        });
        HttpResponse<Path> r = answer.get(0);
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(null));
        try (ZipFile bundle = new ZipFile(zip.toFile())) {
            ZipEntry entry = bundle.getEntry("documents/evidence-1.bin");
            assertNotNull(entry, "the part's document is in the bundle");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream content = bundle.getInputStream(entry)) {
                digest.update(content.readAllBytes());
            }
            assertEquals(LargeDocuments.sha256(SIZE), HexFormat.of().formatHex(digest.digest()));
        }
        assertTrue(gateways.kz.store().timeline(pk).stream()
                .anyMatch(e ->
                        e.event().equals("ops-evidence-exported") && e.actor().equals("operator")));
    }
}
