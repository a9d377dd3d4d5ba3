package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.As4Mime;
import org.mlagateway.security.As4UserMessage;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.As4Partner;
import org.mlagateway.testing.LogEntries;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * KZ-GPO receives AS4 from TR-MOJ (configured with {@code protocol: as4}) over real TLS: what passes
 * is committed and answered with a signed Receipt; every rejection is an ebMS error carrying our code,
 * and is logged. The sending side is our own sealer, so that each message can be forged to fail one
 * step; {@code Phase4InteropTest} does the same with phase4.
 */
class As4InboundTest {
    @TempDir
    static Path dir;

    private static Gateway kz;
    private static As4Partner tr;
    private static As4Partner aeSigningAsTr;
    private static ExampleMessages examples;
    private static URI as4;

    @BeforeAll
    static void start() throws Exception {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        asAs4Partner(deployment.resolve("kz-gpo/gateway.yaml"), "TR-MOJ");
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data")), Clock.systemUTC());
        tr = new As4Partner(deployment, "tr-moj", "tr-moj");
        aeSigningAsTr = new As4Partner(deployment, "tr-moj", "ae-moj");
        examples = new ExampleMessages(kz.codec());
        as4 = kz.exchangeUrl().resolve(As4Inbound.PATH);
    }

    /** Makes a partner of a sample gateway.yaml speak AS4, under its authority id as party id. */
    static void asAs4Partner(Path yaml, String partner) throws Exception {
        String text = Files.readString(yaml);
        String anchor = "  - id: " + partner + "\n";
        int at = text.indexOf(anchor);
        String rest = text.substring(at + anchor.length());
        int line = rest.indexOf("    endpoint:");
        int end = rest.indexOf('\n', line) + 1;
        String edited = text.substring(0, at + anchor.length()) + rest.substring(0, end)
                + "    protocol: as4\n    as4: { partyId: " + partner + " }\n" + rest.substring(end);
        Files.writeString(yaml, edited);
    }

    @AfterAll
    static void stop() {
        if (kz != null) {
            kz.close();
        }
    }

    private static Message request() {
        return examples.request("mla-request.xml", "TR-MOJ", "KZ-GPO");
    }

    private static As4UserMessage header() {
        return As4Partner.header("TR-MOJ", "MLA_REQUEST", "msg@tr-moj.example");
    }

    private static String attr(String body, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The ebMS error code, our code, and that the rejection was logged with that code. */
    private static String rejected(HttpResponse<String> response) {
        return rejected(kz, response);
    }

    /** As above, for any gateway's AS4 endpoint (the phase4 negatives share it). */
    static String rejected(Gateway kz, HttpResponse<String> response) {
        String body = response.body();
        Matcher detail = Pattern.compile("<eb:ErrorDetail>(\\w+) \\(correlation ([0-9a-f-]+)\\)<")
                .matcher(body);
        assertTrue(detail.find(), body);
        List<LogEntry> logged = LogEntries.latest(kz.store(), "rejected", 200);
        assertTrue(
                logged.stream()
                        .anyMatch(e -> e.details().contains(detail.group(2))
                                && e.details().contains(detail.group(1))),
                "the rejection is in the message log");
        return attr(body, "errorCode") + " " + detail.group(1);
    }

    @Test
    void signedEncryptedUserMessage_isCommitted_andAnsweredWithASignedReceipt() {
        Message m = request();
        HttpResponse<String> response =
                tr.post(as4, tr.seal(header(), kz.codec().write(m)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("eb:Receipt"), response.body());
        assertTrue(response.body().contains("ebbp:MessagePartNRInformation"), response.body());
        StoredMessage stored = kz.store()
                .message(Direction.IN, "TR-MOJ", m.getHeader().getMessageId())
                .orElseThrow();
        assertEquals(MessageStatus.RECEIVED, stored.status());
    }

    @Test
    void resentMessage_getsItsReceiptAgain_andCreatesNothing_whileAReplayIsRejected() {
        Message m = request();
        byte[] xml = kz.codec().write(m);
        As4Mime.Written first = tr.seal(header(), xml);
        assertEquals(200, tr.post(as4, first).statusCode());
        long entries = kz.store().timeline(m.getHeader().getMessageId()).size();
        HttpResponse<String> again = tr.post(as4, tr.seal(header(), xml));
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(again.body().contains("eb:Receipt"));
        assertEquals(
                MessageStatus.RECEIVED,
                kz.store()
                        .message(Direction.IN, "TR-MOJ", m.getHeader().getMessageId())
                        .orElseThrow()
                        .status());
        assertTrue(kz.store().timeline(m.getHeader().getMessageId()).size() <= entries + 1);
        assertEquals("EBMS:0101 Replay", rejected(tr.post(as4, first)));
    }

    @Test
    void anotherPartnersCertificate_isRejectedAsSenderMismatch() {
        As4Mime.Written forged = aeSigningAsTr.seal(header(), kz.codec().write(request()));
        assertEquals("EBMS:0101 SenderMismatch", rejected(tr.post(as4, forged)));
    }

    @Test
    void unknownActionServiceOrParty_isRejectedAsProcessingModeMismatch() {
        byte[] xml = kz.codec().write(request());
        assertEquals(
                "EBMS:0010 ProcessingModeMismatch",
                rejected(tr.post(as4, tr.seal(As4Partner.header("TR-MOJ", "Nope", "m@tr"), xml))));
        assertEquals(
                "EBMS:0010 ProcessingModeMismatch",
                rejected(tr.post(as4, tr.seal(As4Partner.header("XX-NOBODY", "MLA_REQUEST", "m@tr"), xml))));
        assertEquals(
                "EBMS:0010 ProcessingModeMismatch",
                rejected(tr.post(as4, tr.seal(As4Partner.header("TR-MOJ", "REFUSAL", "m@tr"), xml))));
    }

    @Test
    void oversizedOrOverDeepPart_isRejected() {
        byte[] bomb = new byte[40 << 20];
        assertEquals("EBMS:0004 MessageTooLarge", rejected(tr.post(as4, tr.seal(header(), bomb))));
        String deep = "<msg:Message xmlns:msg='urn:mla-gateway:message:1'>" + "<a>".repeat(200) + "</a>".repeat(200)
                + "</msg:Message>";
        assertEquals(
                "EBMS:0009 MalformedMessage",
                rejected(tr.post(as4, tr.seal(header(), deep.getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void soapEnvelopeOfOurOwnProfile_onTheAs4Path_isRejectedAsMalformed() {
        assertEquals(
                "EBMS:0009 MalformedMessage",
                rejected(tr.post(as4, "text/plain", "hello".getBytes(StandardCharsets.UTF_8))));
    }
}
