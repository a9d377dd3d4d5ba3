package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.LogEntry;
import org.mlagateway.testing.EnvelopeForge;
import org.mlagateway.testing.LogCapture;
import org.mlagateway.testing.LogEntries;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestPki;
import org.mlagateway.testing.TwoGateways;

/**
 * A rejection at the certificate, sender, recipient or decryption step is logged with what the
 * envelope had told us by then (docs/protocol.md#faults: the signing certificate's subject, read from
 * the BinarySecurityToken before anything else, and the claimed sender, which is encrypted with the
 * body and so readable only once the body is decrypted. Checked in the message log entry and in
 * the operator's log line, over real TLS.
 */
class RejectionFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path deployment;
    private static Gateway kz;
    private static PartnerClient ru;
    private static ExampleMessages examples;

    @BeforeAll
    static void start() {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), Clock.systemUTC());
        ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
        examples = new ExampleMessages(kz.codec());
    }

    @AfterAll
    static void stop() {
        kz.close();
    }

    /** What one rejection left behind: its message log entry and its application log line. */
    private record Logged(String code, LogEntry entry, JsonNode details, String line, String messageId) {
        String subject() {
            return details.path("certificateSubject").asText(null);
        }

        String sender() {
            return details.path("sender").asText(null);
        }
    }

    private static Logged deliver(EnvelopeForge forge, Message message) {
        byte[] envelope = forge.build(new String(kz.codec().write(message), StandardCharsets.UTF_8));
        try (LogCapture log = LogCapture.of(InboundExchange.class)) {
            HttpResponse<String> response = ru.post(kz.exchangeUrl(), envelope);
            assertEquals(400, response.statusCode(), response.body());
            String code = group(response.body(), "<exc:Code>([^<]*)<");
            String correlation = group(response.body(), "<exc:CorrelationId>([^<]*)<");
            LogEntry entry = LogEntries.latest(kz.store(), "rejected", 100).stream()
                    .filter(e -> e.details().contains(correlation))
                    .findFirst()
                    .orElseThrow();
            return new Logged(
                    code,
                    entry,
                    json(entry.details()),
                    log.line(Level.INFO, correlation),
                    message.getHeader().getMessageId());
        }
    }

    private static Message fromRu(String sender, String recipient) {
        return examples.request("mla-request.xml", sender, recipient);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IssuedKey ruKey(String file) {
        try {
            Path dir = deployment.resolve("ru-gpo");
            char[] password = Files.readString(dir.resolve("secrets/keystore.password"))
                    .strip()
                    .toCharArray();
            return PkiFiles.readKey(PkiFiles.openPkcs12(dir.resolve(file), password), "signing", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(IssuedKey key) {
        return key.certificate().getSubjectX500Principal().getName();
    }

    /** Before decryption the header is encrypted: the subject is known, the sender cannot be. */
    private static void assertSubjectOnly(String code, IssuedKey signer, Logged logged) {
        assertEquals(code, logged.code());
        assertEquals(subjectOf(signer), logged.subject(), logged.entry().details());
        assertNull(
                logged.sender(),
                "the header is still encrypted at this step: " + logged.entry().details());
        assertNull(logged.entry().messageId(), "no message id was readable");
        assertTrue(logged.line().contains("certificate " + subjectOf(signer) + ", sender null"), logged.line());
    }

    @Test
    void certificateUntrusted_isLoggedWithTheSubject() {
        IssuedKey stranger = TestPki.create("XX-EVIL", "DE").signing();
        Logged logged = deliver(new EnvelopeForge(stranger, ru.peerEncryption), fromRu("RU-GPO", "KZ-GPO"));
        assertSubjectOnly("CertificateUntrusted", stranger, logged);
    }

    @Test
    void certificateExpired_isLoggedWithTheSubject() {
        IssuedKey expired = ruKey("signing-expired.p12");
        Logged logged = deliver(new EnvelopeForge(expired, ru.peerEncryption), fromRu("RU-GPO", "KZ-GPO"));
        assertSubjectOnly("CertificateExpired", expired, logged);
    }

    @Test
    void certificateRevoked_isLoggedWithTheSubject() {
        IssuedKey revoked = ruKey("signing-revoked.p12");
        Logged logged = deliver(new EnvelopeForge(revoked, ru.peerEncryption), fromRu("RU-GPO", "KZ-GPO"));
        assertSubjectOnly("CertificateRevoked", revoked, logged);
    }

    @Test
    void decryptionFailed_isLoggedWithTheSubject() {
        X509Certificate notOurs = new PartnerClient(deployment, "kz-gpo", "tr-moj").peerEncryption;
        Logged logged = deliver(new EnvelopeForge(ru.signing, notOurs), fromRu("RU-GPO", "KZ-GPO"));
        assertSubjectOnly("DecryptionFailed", ru.signing, logged);
    }

    @Test
    void senderMismatch_isLoggedWithTheSubjectAndTheClaimedSender_outsideThatSendersTimeline() {
        IssuedKey tr = new PartnerClient(deployment, "tr-moj", "kz-gpo").signing;
        Logged logged = deliver(new EnvelopeForge(tr, ru.peerEncryption), fromRu("RU-GPO", "KZ-GPO"));
        assertEquals("SenderMismatch", logged.code());
        assertEquals(subjectOf(tr), logged.subject());
        assertEquals("RU-GPO", logged.sender());
        // TR-MOJ's certificate does not speak for RU-GPO: the id it claims must not join RU-GPO's timeline.
        assertNull(logged.entry().messageId());
        assertFalse(kz.store().timeline(logged.messageId()).stream().anyMatch(e -> "rejected".equals(e.event())));
        assertTrue(
                logged.line()
                        .contains("certificate " + subjectOf(tr) + ", sender RU-GPO, message " + logged.messageId()),
                logged.line());
    }

    @Test
    void wrongRecipient_isLoggedWithTheSubjectTheSenderAndTheMessageId() {
        Logged logged = deliver(ru.forge(), fromRu("RU-GPO", "TR-MOJ"));
        assertEquals("WrongRecipient", logged.code());
        assertEquals(subjectOf(ru.signing), logged.subject());
        assertEquals("RU-GPO", logged.sender());
        assertEquals(logged.messageId(), logged.entry().messageId(), "RU-GPO's own certificate signed it");
        assertTrue(logged.line().contains("certificate " + subjectOf(ru.signing) + ", sender RU-GPO"), logged.line());
    }

    @Test
    void signatureInvalid_isLoggedWithTheSubjectTheTokenClaims() {
        EnvelopeForge forge = ru.forge();
        byte[] envelope = forge.build(new String(kz.codec().write(fromRu("RU-GPO", "KZ-GPO")), StandardCharsets.UTF_8));
        String text = new String(envelope, StandardCharsets.UTF_8);
        // Flip one character of the signature value: the token still names its subject.
        Matcher value = Pattern.compile("SignatureValue>(.)").matcher(text);
        value.find();
        String flipped = text.substring(0, value.start(1))
                + (value.group(1).equals("A") ? "B" : "A")
                + text.substring(value.end(1));
        try (LogCapture log = LogCapture.of(InboundExchange.class)) {
            HttpResponse<String> response = ru.post(kz.exchangeUrl(), flipped.getBytes(StandardCharsets.UTF_8));
            assertEquals("SignatureInvalid", group(response.body(), "<exc:Code>([^<]*)<"), response.body());
            String correlation = group(response.body(), "<exc:CorrelationId>([^<]*)<");
            JsonNode details = json(LogEntries.latest(kz.store(), "rejected", 100).stream()
                    .filter(e -> e.details().contains(correlation))
                    .findFirst()
                    .orElseThrow()
                    .details());
            assertEquals(
                    subjectOf(ru.signing), details.path("certificateSubject").asText(null));
            log.line(Level.INFO, correlation);
        }
    }
}
