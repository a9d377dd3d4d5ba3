package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.helger.mime.CMimeType;
import com.helger.phase4.attachment.EAS4CompressionMode;
import com.helger.phase4.client.AS4ClientBuiltMessage;
import com.helger.phase4.client.AS4ClientUserMessage;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.model.ESoapVersion;
import com.helger.phase4.util.AS4ResourceHelper;
import com.helger.scope.mgr.ScopeManager;
import com.helger.xsds.xmldsig.ReferenceType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
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
import org.mlagateway.security.pki.PkiFiles;
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

    @BeforeAll
    static void start() throws Exception {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        As4InboundTest.asAs4Partner(deployment.resolve("kz-gpo/gateway.yaml"), "TR-MOJ");
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data")), Clock.systemUTC());
        tr = new As4Partner(deployment, "tr-moj", "tr-moj");
        // phase4 keeps its WSS4J configuration in a global scope of its own framework.
        ScopeManager.onGlobalBegin("phase4-interop");
    }

    @AfterAll
    static void stop() {
        ScopeManager.onGlobalEnd();
        if (kz != null) {
            kz.close();
        }
    }

    @Test
    void phase4SendsToUs_edelivery1_andOurReceiptRepeatsItsReferences() throws Exception {
        Path trDir = deployment.resolve("tr-moj");
        char[] password = Files.readString(trDir.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        KeyStore signing = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trDir.resolve("signing.p12"))) {
            signing.load(in, password);
        }
        X509Certificate kzEncryption = PkiFiles.readCertificates(trDir.resolve("partners/kz-gpo/encryption.pem"))
                .get(0);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("kz-encryption", kzEncryption);
        AS4CryptoFactoryInMemoryKeyStore crypto =
                new AS4CryptoFactoryInMemoryKeyStore(signing, "signing", password, trust);

        Message m = new ExampleMessages(kz.codec()).request("mla-request.xml", "TR-MOJ", "KZ-GPO");
        Path payload = dir.resolve("message.xml");
        Files.write(payload, kz.codec().write(m));

        try (AS4ResourceHelper resources = new AS4ResourceHelper()) {
            AS4ClientUserMessage client = new AS4ClientUserMessage(resources);
            client.setSoapVersion(ESoapVersion.SOAP_12);
            client.setCryptoFactory(crypto);
            client.signingParams()
                    .setAlgorithmSign(ECryptoAlgorithmSign.RSA_SHA_256)
                    .setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
            client.cryptParams()
                    .setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                    .setCertificate(kzEncryption);
            client.setFromPartyIDType(As4Config.DEFAULT_PARTY_ID_TYPE);
            client.setFromPartyID("TR-MOJ");
            client.setFromRole(As4Profile.INITIATOR);
            client.setToPartyIDType(As4Config.DEFAULT_PARTY_ID_TYPE);
            client.setToPartyID("KZ-GPO");
            client.setToRole(As4Profile.RESPONDER);
            client.setServiceValue(As4Config.DEFAULT_SERVICE);
            client.setAction("MLA_REQUEST");
            client.setConversationID(UUID.randomUUID().toString());
            client.ebms3Properties().add(property(As4Payload.ORIGINAL_SENDER, "TR-MOJ"));
            client.ebms3Properties().add(property(As4Payload.FINAL_RECIPIENT, "KZ-GPO"));
            client.addAttachment(payload.toFile(), CMimeType.APPLICATION_XML, EAS4CompressionMode.GZIP);
            AS4ClientBuiltMessage built = client.buildMessage(client.createMessageID(), null);

            ByteArrayOutputStream body = new ByteArrayOutputStream();
            built.getHttpEntity().writeTo(body);
            URI as4 = kz.exchangeUrl().resolve(As4Inbound.PATH);
            // phase4 folds its Content-Type over several lines (RFC 5322 folding), as MIME headers may be.
            String contentType = built.getHttpEntity().getContentType().replaceAll("\\s*\\r?\\n\\s*", " ");
            HttpResponse<String> response = tr.post(as4, contentType, body.toByteArray());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("eb:Receipt"), response.body());
            assertTrue(built.hasDSReferences());
            for (ReferenceType ref : built.getAllDSReferences()) {
                String digest = Base64.getEncoder().encodeToString(ref.getDigestValue());
                assertTrue(response.body().contains(digest), "the receipt repeats the digest of " + ref.getURI());
            }
        }
        assertEquals(
                MessageStatus.RECEIVED,
                kz.store()
                        .message(Direction.IN, "TR-MOJ", m.getHeader().getMessageId())
                        .orElseThrow()
                        .status());
    }

    private static Ebms3Property property(String name, String value) {
        Ebms3Property p = new Ebms3Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
