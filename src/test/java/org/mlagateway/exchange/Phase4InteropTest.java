package org.mlagateway.exchange;

import static com.helger.phase4.crypto.ECryptoAlgorithmSign.RSA_SHA_256;
import static com.helger.phase4.crypto.ECryptoAlgorithmSignDigest.DIGEST_SHA_256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.helger.mime.CMimeType;
import com.helger.phase4.attachment.EAS4CompressionMode;
import com.helger.phase4.client.AS4ClientBuiltMessage;
import com.helger.phase4.client.AS4ClientUserMessage;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.model.ESoapVersion;
import com.helger.phase4.util.AS4ResourceHelper;
import com.helger.scope.mgr.ScopeManager;
import com.helger.xsds.xmldsig.ReferenceType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.As4Config;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4Profile;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.testing.As4Partner;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * phase4 (4.2.0), the independent AS4 implementation, builds a signed and encrypted UserMessage as
 * TR-MOJ with its own client, and KZ-GPO accepts it at {@code /as4}; our receipt must repeat every
 * reference phase4 says it signed, with its digest.
 */
class Phase4InteropTest {
    @TempDir
    static Path dir;

    private static Gateway kz;
    private static Path deployment;
    private static As4Partner tr;
    private static AS4CryptoFactoryInMemoryKeyStore crypto;

    @BeforeAll
    static void start() throws Exception {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        As4InboundTest.asAs4Partner(deployment.resolve("kz-gpo/gateway.yaml"), "TR-MOJ");
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data")), Clock.systemUTC());
        tr = new As4Partner(deployment, "tr-moj", "tr-moj");
        crypto = phase4Crypto(deployment.resolve("tr-moj"), tr.kzEncryption);
        // phase4 keeps its WSS4J configuration in a global scope of its own framework.
        ScopeManager.onGlobalBegin("phase4-interop");
    }

    @AfterAll
    static void stop() {
        ScopeManager.onGlobalEnd();
        // Ending phase4's scope cleans WSS4J up JVM-wide, and phase4 leaves WSS4J set not to install its
        // JCE providers (the XML signature factory that resolves cid: parts); later test classes need them.
        WSSConfig.setAddJceProviders(true);
        WSSConfig.init();
        if (kz != null) {
            kz.close();
        }
    }

    /** What phase4's client puts on the wire, and the references it says it signed. */
    private record Sent(String contentType, byte[] body, List<ReferenceType> references) {}

    /** How one test bends phase4's otherwise correct edelivery-1 message. */
    private record Variant(
            String from, String to, String service, String action, ECryptoAlgorithmSign sign, boolean encrypt) {
        static Variant correct() {
            return new Variant("TR-MOJ", "KZ-GPO", As4Config.DEFAULT_SERVICE, "MLA_REQUEST", RSA_SHA_256, true);
        }
    }

    /** phase4's own client builds a signed, encrypted, compressed UserMessage carrying {@code m}. */
    private static Sent build(Message m, String ebmsMessageId, Variant v) throws Exception {
        Path payload = Files.createTempFile(dir, "message", ".xml");
        Files.write(payload, kz.codec().write(m));
        try (AS4ResourceHelper resources = new AS4ResourceHelper()) {
            AS4ClientUserMessage client = new AS4ClientUserMessage(resources);
            client.setSoapVersion(ESoapVersion.SOAP_12);
            client.setCryptoFactory(crypto);
            client.signingParams().setAlgorithmSign(v.sign()).setAlgorithmSignDigest(DIGEST_SHA_256);
            if (v.encrypt()) {
                client.cryptParams()
                        .setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                        .setCertificate(tr.kzEncryption);
            }
            client.setFromPartyIDType(As4Config.DEFAULT_PARTY_ID_TYPE);
            client.setFromPartyID(v.from());
            client.setFromRole(As4Profile.INITIATOR);
            client.setToPartyIDType(As4Config.DEFAULT_PARTY_ID_TYPE);
            client.setToPartyID(v.to());
            client.setToRole(As4Profile.RESPONDER);
            client.setServiceValue(v.service());
            client.setAction(v.action());
            client.setConversationID(UUID.randomUUID().toString());
            client.ebms3Properties().add(property(As4Payload.ORIGINAL_SENDER, "TR-MOJ"));
            client.ebms3Properties().add(property(As4Payload.FINAL_RECIPIENT, "KZ-GPO"));
            client.addAttachment(payload.toFile(), CMimeType.APPLICATION_XML, EAS4CompressionMode.GZIP);
            AS4ClientBuiltMessage built = client.buildMessage(ebmsMessageId, null);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            built.getHttpEntity().writeTo(body);
            // phase4 folds its Content-Type over several lines (RFC 5322 folding), as MIME headers may be.
            String contentType = built.getHttpEntity().getContentType().replaceAll("\\s*\\r?\\n\\s*", " ");
            List<ReferenceType> references =
                    built.hasDSReferences() ? List.copyOf(built.getAllDSReferences()) : List.of();
            return new Sent(contentType, body.toByteArray(), references);
        }
    }

    private static HttpResponse<String> post(Sent sent) {
        return tr.post(kz.exchangeUrl().resolve(As4Inbound.PATH), sent.contentType(), sent.body());
    }

    private static Message request() {
        return new ExampleMessages(kz.codec()).request("mla-request.xml", "TR-MOJ", "KZ-GPO");
    }

    private static String rejected(Variant v) throws Exception {
        return As4InboundTest.rejected(kz, post(build(request(), UUID.randomUUID() + "@phase4", v)));
    }

    @Test
    void phase4SendsToUs_edelivery1_andOurReceiptRepeatsItsReferences() throws Exception {
        Message m = request();
        Sent sent = build(m, UUID.randomUUID() + "@phase4", Variant.correct());
        HttpResponse<String> response = post(sent);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("eb:Receipt"), response.body());
        assertFalse(sent.references().isEmpty());
        for (ReferenceType ref : sent.references()) {
            String digest = Base64.getEncoder().encodeToString(ref.getDigestValue());
            assertTrue(response.body().contains(digest), "the receipt repeats the digest of " + ref.getURI());
        }
        assertEquals(
                MessageStatus.RECEIVED,
                kz.store()
                        .message(Direction.IN, "TR-MOJ", m.getHeader().getMessageId())
                        .orElseThrow()
                        .status());
    }

    @Test
    void phase4ResendsTheSameMessage_itGetsItsReceiptAgain_andNothingIsCreated_whileTheSameBytesAreAReplay()
            throws Exception {
        Message m = request();
        String ebmsId = UUID.randomUUID() + "@phase4";
        Sent first = build(m, ebmsId, Variant.correct());
        assertEquals(200, post(first).statusCode());
        String id = m.getHeader().getMessageId();
        int entries = kz.store().timeline(id).size();
        long pk = kz.store().message(Direction.IN, "TR-MOJ", id).orElseThrow().pk();
        Sent again = build(m, ebmsId, Variant.correct());
        HttpResponse<String> answer = post(again);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("eb:Receipt"), answer.body());
        assertTrue(answer.body().contains(ebmsId), "the receipt refers to the re-sent message");
        assertEquals(
                pk, kz.store().message(Direction.IN, "TR-MOJ", id).orElseThrow().pk(), "no second message");
        assertTrue(kz.store().timeline(id).size() <= entries + 1, "at most the duplicate's log entry");
        assertEquals("EBMS:0101 Replay", As4InboundTest.rejected(kz, post(first)));
    }

    @Test
    void phase4WithAWrongParty_isRejected() throws Exception {
        Variant v = Variant.correct();
        assertEquals(
                "EBMS:0010 ProcessingModeMismatch",
                rejected(new Variant("XX-NOBODY", v.to(), v.service(), v.action(), v.sign(), true)));
        assertEquals(
                "EBMS:0003 WrongRecipient",
                rejected(new Variant(v.from(), "AE-MOJ", v.service(), v.action(), v.sign(), true)));
    }

    @Test
    void phase4WithAnUnknownServiceOrAction_isRejectedAsProcessingModeMismatch() throws Exception {
        Variant v = Variant.correct();
        assertEquals(
                "EBMS:0010 ProcessingModeMismatch",
                rejected(new Variant(v.from(), v.to(), "urn:nobody:service", v.action(), v.sign(), true)));
        assertEquals(
                "EBMS:0010 ProcessingModeMismatch",
                rejected(new Variant(v.from(), v.to(), v.service(), "Nope", v.sign(), true)));
    }

    @Test
    void phase4WithAnAlgorithmOutsideTheProfile_orAPartInClear_isRejectedAsPolicyNoncompliance() throws Exception {
        Variant v = Variant.correct();
        assertEquals(
                "EBMS:0103 UnsupportedAlgorithm",
                rejected(new Variant(
                        v.from(), v.to(), v.service(), v.action(), ECryptoAlgorithmSign.RSA_SHA_512, true)));
        assertEquals(
                "EBMS:0103 UnsupportedAlgorithm",
                rejected(new Variant(v.from(), v.to(), v.service(), v.action(), v.sign(), false)));
    }

    /** TR-MOJ's signing key, and KZ-GPO's encryption certificate as phase4's trust. */
    private static AS4CryptoFactoryInMemoryKeyStore phase4Crypto(Path trDir, X509Certificate kzEncryption)
            throws Exception {
        char[] password = Files.readString(trDir.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        KeyStore signing = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trDir.resolve("signing.p12"))) {
            signing.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("kz-encryption", kzEncryption);
        return new AS4CryptoFactoryInMemoryKeyStore(signing, "signing", password, trust);
    }

    private static Ebms3Property property(String name, String value) {
        Ebms3Property p = new Ebms3Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
