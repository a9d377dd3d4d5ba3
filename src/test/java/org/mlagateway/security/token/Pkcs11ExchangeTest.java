package org.mlagateway.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestToken;
import org.mlagateway.testing.TwoGateways;
import org.mlagateway.tools.demo.TokenKeys;

/**
 * KZ-GPO with all three keys in a SoftHSM2 token, and no key store left, exchanging with RU-GPO,
 * which demands KZ-GPO's TLS client certificate: KZ-GPO signs what it sends, presents its TLS key as
 * a client, serves TLS, decrypts what it receives and signs the receipts, each with a key that
 * never leaves the token.
 */
class Pkcs11ExchangeTest {
    @TempDir
    static Path dir;

    private static Path deployment;
    private static Gateway kz;
    private static Gateway ru;

    @BeforeAll
    static void start() throws IOException {
        TestToken token = TestToken.createOrSkip(dir.resolve("hsm"), "KZ-GPO", Pkcs11ExchangeTest.class);
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        TokenKeys.moveInto(deployment.resolve("kz-gpo"), token.library, token.label, token.pinFile);
        Path ruYaml = deployment.resolve("ru-gpo/gateway.yaml");
        Files.writeString(
                ruYaml, Files.readString(ruYaml).replace("  - id: KZ-GPO\n", "  - id: KZ-GPO\n    mutualTls: true\n"));
        ru = Gateway.start(TwoGateways.config(deployment, "ru-gpo", dir.resolve("ru-data")), Clock.systemUTC());
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data")), Clock.systemUTC());
        kz.useEndpoint("RU-GPO", ru.exchangeUrl());
        ru.useEndpoint("KZ-GPO", kz.exchangeUrl());
    }

    @AfterAll
    static void stop() {
        if (kz != null) {
            kz.close();
        }
        if (ru != null) {
            ru.close();
        }
    }

    @Test
    void kzKeys_areTheTokensOnly() {
        GatewayConfig config = kz.config();
        assertTrue(config.keys().signing().inToken()
                && config.keys().encryption().inToken()
                && config.keys().tls().inToken());
        assertFalse(Files.exists(deployment.resolve("kz-gpo/signing.p12")), "no key store to fall back on");
        assertFalse(Files.exists(deployment.resolve("kz-gpo/encryption.p12")));
        assertFalse(Files.exists(deployment.resolve("kz-gpo/tls.p12")));
    }

    @Test
    void requestAndResponse_areSignedDecryptedAndReceipted_withTheTokensKeys() {
        ExampleMessages examples = new ExampleMessages(kz.codec());
        Message request = examples.request("transit-request.xml", "KZ-GPO", "RU-GPO");
        String requestId = submit(kz, request);
        // Signed on the token, delivered over TLS with the token's client key, receipt verified.
        awaitDeliveredWithReceipt(kz, "RU-GPO", requestId);
        assertTrue(ru.store().message(Direction.IN, "KZ-GPO", requestId).isPresent());

        Message response = examples.response("acknowledgement.xml", request);
        String responseId = submit(ru, response);
        // KZ-GPO served TLS, decrypted and signed the receipt with the token's keys.
        awaitDeliveredWithReceipt(ru, "KZ-GPO", responseId);
        assertTrue(kz.store().message(Direction.IN, "RU-GPO", responseId).isPresent());

        // The message log's checkpoints are signed with the token's signing key, and verify.
        kz.store().checkpoint();
        assertTrue(kz.store().verify(1, ProgressListener.NONE).ok());
    }

    @Test
    void tlsHandshake_presentsTheCertificateOfTheTokensKey() throws IOException, GeneralSecurityException {
        X509Certificate anchor = PkiFiles.readCertificates(deployment.resolve("ru-gpo/partners/kz-gpo/ca.pem"))
                .get(0);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, TlsContexts.trustManagers(java.util.List.of(anchor)), null);
        for (String protocol : TlsContexts.PROTOCOLS) {
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(kz.exchangeUrl().getHost(), kz.exchangeUrl().getPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                assertEquals(protocol, socket.getSession().getProtocol());
                X509Certificate presented =
                        (X509Certificate) socket.getSession().getPeerCertificates()[0];
                assertTrue(presented.getSubjectX500Principal().getName().contains("KZ-GPO"), presented.toString());
            }
        }
    }

    private static String submit(Gateway from, Message message) {
        from.submissions()
                .submit(from.codec().write(message), "test", UUID.randomUUID().toString());
        return message.getHeader().getMessageId();
    }

    private static void awaitDeliveredWithReceipt(Gateway from, String partner, String id) {
        TwoGateways.await(
                "delivery of " + id + " with a verified receipt",
                Duration.ofSeconds(60),
                () -> from.store()
                                .message(Direction.OUT, partner, id)
                                .map(m -> m.status() == MessageStatus.DELIVERED)
                                .orElse(false)
                        && from.store().timeline(id).stream().anyMatch(e -> "receipt-received".equals(e.event())));
    }
}
