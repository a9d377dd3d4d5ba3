package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.TwoGateways;

/**
 * Interoperability with an independent implementation: Debian's xmlsec1 (libxmlsec1 over OpenSSL)
 * and the openssl tool, which does the RSA-OAEP (SHA-256, MGF1-SHA256) key transport that xmlsec1
 * 1.2 lacks. No gateway code touches the cryptography on the other side.
 */
class Xmlsec1InteropTest {
    private static final String SOAP12_BODY = "http://www.w3.org/2003/05/soap-envelope:Body";
    private static final String WSU_TIMESTAMP =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd:Timestamp";

    @TempDir
    static Path dir;

    private static TwoGateways gateways;

    @BeforeAll
    static void start() {
        boolean tools =
                Files.isExecutable(Path.of("/usr/bin/xmlsec1")) && Files.isExecutable(Path.of("/usr/bin/openssl"));
        if (!tools) {
            System.out.println("NOTICE: xmlsec1 or openssl not installed: xmlsec1 interoperability tests skipped");
        }
        Assumptions.assumeTrue(tools, "xmlsec1 and openssl are needed (apt-get install xmlsec1)");
        gateways = TwoGateways.start(dir);
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    private static String run(Path cwd, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    private static String base64(String text) {
        return text.replace("&#13;", "").replaceAll("\\s", "");
    }

    @Test
    void envelopeTheGatewaySends_isDecryptedByOpensslAndXmlsec1_andItsSignatureVerifiedByXmlsec1() throws Exception {
        Message m = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        gateways.kz
                .submissions()
                .submit(gateways.kz.codec().write(m), "test", UUID.randomUUID().toString());
        String id = m.getHeader().getMessageId();
        TwoGateways.await("delivery", Duration.ofSeconds(30), () -> gateways.kz
                .store()
                .message(Direction.OUT, "RU-GPO", id)
                .map(s -> s.status() == MessageStatus.DELIVERED)
                .orElse(false));
        String sent = new String(
                gateways.kz
                        .store()
                        .message(Direction.OUT, "RU-GPO", id)
                        .orElseThrow()
                        .envelope(),
                StandardCharsets.UTF_8);

        Path work = Files.createDirectories(dir.resolve("outbound"));
        Path ru = gateways.deployment.resolve("ru-gpo");
        char[] password = Files.readString(ru.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        PkiFiles.writePem(
                work.resolve("ru-encryption-key.pem"),
                PkiFiles.readKey(PkiFiles.openPkcs12(ru.resolve("encryption.p12"), password), "encryption", password)
                        .privateKey());
        Matcher cipher =
                Pattern.compile("<xenc:CipherValue>([^<]*)</xenc:CipherValue>").matcher(sent);
        assertTrue(cipher.find());
        Files.write(work.resolve("wrapped.key"), Base64.getDecoder().decode(base64(cipher.group(1))));
        run(
                work,
                "openssl",
                "pkeyutl",
                "-decrypt",
                "-inkey",
                "ru-encryption-key.pem",
                "-in",
                "wrapped.key",
                "-out",
                "session.key",
                "-pkeyopt",
                "rsa_padding_mode:oaep",
                "-pkeyopt",
                "rsa_oaep_md:sha256",
                "-pkeyopt",
                "rsa_mgf1_md:sha256");
        // The EncryptedData names its key by a WSS SecurityTokenReference, which xmlsec1 does not resolve:
        // take that KeyInfo out and hand xmlsec1 the session key instead.
        String forXmlsec = sent.replaceFirst("(?s)(<xenc:EncryptedData.*?)<ds:KeyInfo.*?</ds:KeyInfo>", "$1");
        Files.writeString(work.resolve("sent.xml"), forXmlsec);
        run(
                work,
                "xmlsec1",
                "--decrypt",
                "--aeskey:session",
                "session.key",
                "--id-attr:Id",
                "http://www.w3.org/2001/04/xmlenc#:EncryptedData",
                "--output",
                "decrypted.xml",
                "sent.xml");
        assertTrue(Files.readString(work.resolve("decrypted.xml")).contains(id), "the plaintext message is back");

        Files.copy(gateways.deployment.resolve("kz-gpo/signing.pem"), work.resolve("kz-signing.pem"));
        String verified = run(
                work,
                "xmlsec1",
                "--verify",
                "--pubkey-cert-pem",
                "kz-signing.pem",
                "--id-attr:Id",
                SOAP12_BODY,
                "--id-attr:Id",
                WSU_TIMESTAMP,
                "decrypted.xml");
        assertTrue(verified.contains("SignedInfo References (ok/all): 2/2"), verified);
    }

    @Test
    void envelopeMadeByXmlsec1AndOpenssl_isAcceptedWithASignedReceipt() throws Exception {
        Path work = Files.createDirectories(dir.resolve("inbound"));
        PartnerClient ru = new PartnerClient(gateways.deployment, "ru-gpo", "kz-gpo");
        PkiFiles.writePem(work.resolve("ru-signing-key.pem"), ru.signing.privateKey());
        PkiFiles.writePem(work.resolve("kz-encryption.pem"), ru.peerEncryption);
        Message m = new ExampleMessages(gateways.kz.codec()).request("transit-request.xml", "RU-GPO", "KZ-GPO");
        String message =
                new String(gateways.kz.codec().write(m), StandardCharsets.UTF_8).replaceFirst("<\\?xml[^>]*\\?>", "");
        Files.writeString(work.resolve("template.xml"), signatureTemplate(ru.signing.certificate(), message));
        Files.writeString(work.resolve("encryption-template.xml"), ENCRYPTION_TEMPLATE);

        run(
                work,
                "xmlsec1",
                "--sign",
                "--privkey-pem",
                "ru-signing-key.pem",
                "--id-attr:Id",
                SOAP12_BODY,
                "--id-attr:Id",
                WSU_TIMESTAMP,
                "--output",
                "signed.xml",
                "template.xml");
        run(work, "openssl", "rand", "-out", "session.key", "16");
        run(
                work,
                "xmlsec1",
                "--encrypt",
                "--aeskey:session",
                "session.key",
                "--xml-data",
                "signed.xml",
                "--node-name",
                SOAP12_BODY,
                "--output",
                "encrypted.xml",
                "encryption-template.xml");
        run(
                work,
                "openssl",
                "pkeyutl",
                "-encrypt",
                "-certin",
                "-inkey",
                "kz-encryption.pem",
                "-in",
                "session.key",
                "-out",
                "wrapped.key",
                "-pkeyopt",
                "rsa_padding_mode:oaep",
                "-pkeyopt",
                "rsa_oaep_md:sha256",
                "-pkeyopt",
                "rsa_mgf1_md:sha256");
        String wrapped = Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("wrapped.key")));
        String envelope = Files.readString(work.resolve("encrypted.xml"))
                .replaceFirst(
                        "(<wsse:Security[^>]*>)",
                        "$1" + Matcher.quoteReplacement(encryptedKey(ru.peerEncryption, wrapped)));

        HttpResponse<String> response = ru.post(gateways.kz.exchangeUrl(), envelope.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains(">ACCEPTED<"), response.body());
        assertTrue(gateways.kz
                .store()
                .message(Direction.IN, "RU-GPO", m.getHeader().getMessageId())
                .isPresent());
    }

    private static String signatureTemplate(X509Certificate cert, String message) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = Base64.getEncoder().encodeToString(cert.getEncoded());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><soap:Header><wsse:Security"
                + " soap:mustUnderstand=\"true\">"
                + "<wsse:BinarySecurityToken wsu:Id=\"x509-1\""
                + " ValueType=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-x509-token-profile-1.0#X509v3\""
                + " EncodingType=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + token + "</wsse:BinarySecurityToken><ds:Signature><ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
                + reference("body-1") + reference("ts-1") + "</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo>"
                + "<wsse:SecurityTokenReference><wsse:Reference URI=\"#x509-1\""
                + " ValueType=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-x509-token-profile-1.0#X509v3\"/>"
                + "</wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature><wsu:Timestamp wsu:Id=\"ts-1\">"
                + "<wsu:Created>" + now + "</wsu:Created><wsu:Expires>" + now.plusSeconds(300) + "</wsu:Expires>"
                + "</wsu:Timestamp></wsse:Security></soap:Header><soap:Body wsu:Id=\"body-1\">" + message
                + "</soap:Body></soap:Envelope>";
    }

    private static String reference(String id) {
        return "<ds:Reference URI=\"#" + id
                + "\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                + "</ds:Transforms><ds:DigestMethod"
                + " Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference>";
    }

    private static final String ENCRYPTION_TEMPLATE =
            "<xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\""
                    + " Id=\"ed-1\" Type=\"http://www.w3.org/2001/04/xmlenc#Content\">"
                    + "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes128-gcm\"/>"
                    + "<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>";

    private static String encryptedKey(X509Certificate recipient, String wrapped) {
        List<String> parts = new ArrayList<>();
        parts.add("<xenc:EncryptedKey xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\" Id=\"ek-1\">");
        parts.add("<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#rsa-oaep\">"
                + "<ds:DigestMethod xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                + "<xenc11:MGF xmlns:xenc11=\"http://www.w3.org/2009/xmlenc11#\""
                + " Algorithm=\"http://www.w3.org/2009/xmlenc11#mgf1sha256\"/>"
                + "</xenc:EncryptionMethod>");
        parts.add("<ds:KeyInfo"
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><wsse:SecurityTokenReference>"
                + "<ds:X509Data><ds:X509IssuerSerial>"
                + "<ds:X509IssuerName>"
                + recipient.getIssuerX500Principal().getName() + "</ds:X509IssuerName>"
                + "<ds:X509SerialNumber>" + recipient.getSerialNumber() + "</ds:X509SerialNumber>"
                + "</ds:X509IssuerSerial></ds:X509Data></wsse:SecurityTokenReference></ds:KeyInfo>");
        parts.add("<xenc:CipherData><xenc:CipherValue>" + wrapped + "</xenc:CipherValue></xenc:CipherData>");
        parts.add("<xenc:ReferenceList><xenc:DataReference URI=\"#ed-1\"/></xenc:ReferenceList></xenc:EncryptedKey>");
        return String.join("", parts);
    }
}
