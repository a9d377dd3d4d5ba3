package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/** The wire contract of docs/protocol.md, spoken to a running KZ-GPO by a partner client over TLS. */
class ExchangeProtocolTest {
    @TempDir
    static Path dir;

    private static Gateway kz;
    private static PartnerClient ru;
    private static ExampleMessages examples;

    @BeforeAll
    static void start() {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), Clock.systemUTC());
        ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        examples = new ExampleMessages(kz.codec());
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    private static Message fromRu() {
        return examples.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
    }

    private static String xml(Message m) {
        return new String(kz.codec().write(m), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> deliver(String messageXml) {
        return ru.post(kz.exchangeUrl(), ru.forge().build(messageXml));
    }

    private static String element(String body, String name) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + name + ">([^<]*)</").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** A soap:Sender fault: HTTP 400 (SOAP 1.2 HTTP binding), nothing asking for a retry. */
    private static void assertFault(String code, HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("<soap:Value>soap:Sender</soap:Value>"), response.body());
        assertEquals(java.util.Optional.empty(), response.headers().firstValue("Retry-After"));
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/soap+xml"));
        assertEquals(
                "exc:" + code,
                Pattern.compile("<soap:Subcode><soap:Value>([^<]*)<")
                        .matcher(response.body())
                        .results()
                        .map(r -> r.group(1))
                        .findFirst()
                        .orElse(null),
                response.body());
        assertEquals(code, element(response.body(), "Code"));
        assertTrue(element(response.body(), "CorrelationId").matches("[0-9a-f-]{36}"));
    }

    private static List<String> events(String messageId) {
        return kz.store().timeline(messageId).stream().map(LogEntry::event).toList();
    }

    @Test
    void wsdlIsServedWithItsPolicyAndTheRealAddress() {
        HttpResponse<String> wsdl = ru.get(URI.create(kz.exchangeUrl() + "?wsdl"));
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("<sp:AsymmetricBinding>"), "the WS-SecurityPolicy is embedded");
        assertTrue(
                wsdl.body().contains("location=\"" + kz.exchangeUrl() + "\""),
                wsdl.body().replaceAll("(?s).*(<soap12:address[^>]*>).*", "$1"));
        assertTrue(wsdl.body().contains("schemaLocation=\"v1?xsd=message.xsd\""));
        HttpResponse<String> xsd = ru.get(URI.create(kz.exchangeUrl() + "?xsd=message.xsd"));
        assertEquals(200, xsd.statusCode());
        assertTrue(
                xsd.body().contains("schemaLocation=\"v1?xsd=common.xsd\""), "includes resolve through the endpoint");
    }

    @Test
    void everyOtherPath_is404() {
        URI base = kz.exchangeUrl();
        for (String path : List.of("/", "/exchange", "/exchange/v2", "/exchange/v1/extra", "/api/v1/messages")) {
            assertEquals(404, ru.get(base.resolve(path)).statusCode(), path);
        }
        assertEquals(404, ru.get(URI.create(base + "?xsd=../../etc/passwd")).statusCode());
        assertEquals(
                404, ru.post(base.resolve("/api/v1/messages"), "x".getBytes()).statusCode());
    }

    @Test
    void validDelivery_getsASignedAcceptedReceiptAfterCommit() {
        Message m = fromRu();
        HttpResponse<String> response = deliver(xml(m));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("ACCEPTED", element(response.body(), "Status"));
        assertEquals(m.getHeader().getMessageId(), element(response.body(), "MessageId"));
        assertTrue(response.body().contains("<ds:SignatureValue>")
                || response.body().contains("SignatureValue"));
        assertTrue(kz.store()
                .message(Direction.IN, "RU-GPO", m.getHeader().getMessageId())
                .isPresent());
        long seq = Long.parseLong(element(response.body(), "LogSequence"));
        assertEquals(
                "received",
                kz.store().timeline(m.getHeader().getMessageId()).stream()
                        .filter(e -> e.seq() == seq)
                        .findFirst()
                        .orElseThrow()
                        .event());
    }

    @Test
    void resentEnvelope_isReplay_evenThoughTheContentIsTheSame() {
        byte[] envelope = ru.forge().build(xml(fromRu()));
        assertEquals(200, ru.post(kz.exchangeUrl(), envelope).statusCode());
        assertFault("Replay", ru.post(kz.exchangeUrl(), envelope));
    }

    @Test
    void retrySignedAfresh_getsADuplicateReceiptNamingTheOriginal() {
        Message m = fromRu();
        String text = xml(m);
        HttpResponse<String> first = deliver(text);
        HttpResponse<String> again = deliver(text);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("DUPLICATE", element(again.body(), "Status"));
        assertTrue(again.body().contains("Original>"), again.body());
        assertEquals(
                element(first.body(), "LogSequence"),
                Pattern.compile("<exc:Original><exc:ReceivedAt>[^<]*</exc:ReceivedAt><exc:LogSequence>([^<]*)<")
                        .matcher(again.body())
                        .results()
                        .map(r -> r.group(1))
                        .findFirst()
                        .orElse(null));
        assertFalse(
                element(first.body(), "EnvelopeDigest").equals(element(again.body(), "EnvelopeDigest")),
                "each receipt carries the digest of its own transmission");
        assertEquals(
                List.of("received", "stored", "routed", "duplicate-received"),
                events(m.getHeader().getMessageId()));
    }

    @Test
    void sameIdWithOtherContent_isDuplicateIdConflict_andIsLogged() {
        Message m = fromRu();
        assertEquals(200, deliver(xml(m)).statusCode());
        m.getHeader().setLanguage("kk");
        assertFault("DuplicateIdConflict", deliver(xml(m)));
        assertTrue(events(m.getHeader().getMessageId()).contains("rejected"));
    }

    @Test
    void missingRequiredHeaderElement_isSchemaInvalid() {
        String broken = xml(fromRu()).replaceFirst("<msg:ConversationId>[^<]*</msg:ConversationId>", "");
        assertFault("SchemaInvalid", deliver(broken));
    }

    @Test
    void documentWhoseBytesDoNotMatchItsDigest_isDocumentDigestMismatch() {
        Message m = fromRu();
        m.getDocuments().getDocument().get(0).setSha256("0".repeat(64));
        assertFault("DocumentDigestMismatch", deliver(xml(m)));
        assertTrue(events(m.getHeader().getMessageId()).contains("rejected"), "rejections are logged");
    }

    @Test
    void messageForAnotherAuthority_isWrongRecipient() {
        Message m = fromRu();
        m.getHeader().setRecipient(examples.authority("TR-MOJ"));
        assertFault("WrongRecipient", deliver(xml(m)));
    }

    @Test
    void doctypeWithExternalEntity_isMalformedMessage() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<soap:Envelope"
                + " xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>&x;</soap:Body></soap:Envelope>";
        HttpResponse<String> response = ru.post(kz.exchangeUrl(), xxe.getBytes(StandardCharsets.UTF_8));
        assertFault("MalformedMessage", response);
        assertFalse(response.body().contains("root:"), "nothing of the entity is echoed");
    }

    @Test
    void entityExpansionBomb_isMalformedMessage() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE e [<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY a")
                    .append(i)
                    .append(" \"")
                    .append(("&a" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String bomb = dtd + "]><e>&a11;</e>";
        assertFault("MalformedMessage", ru.post(kz.exchangeUrl(), bomb.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void envelopeOverTheSizeLimit_isMessageTooLarge() {
        byte[] huge = new byte[Math.toIntExact(kz.config().limits().maxEnvelopeBytes() + 1)];
        assertFault("MessageTooLarge", ru.post(kz.exchangeUrl(), huge));
    }

    @Test
    void faultsNeverEchoInput() {
        String marker = "SECRET-" + UUID.randomUUID();
        String broken = xml(fromRu())
                .replaceFirst(
                        "<msg:ConversationId>[^<]*</msg:ConversationId>", "<msg:Unknown>" + marker + "</msg:Unknown>");
        HttpResponse<String> response = deliver(broken);
        assertFault("SchemaInvalid", response);
        assertFalse(response.body().contains(marker));
    }
}
