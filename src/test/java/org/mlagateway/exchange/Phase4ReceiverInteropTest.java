package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.scope.mgr.ScopeManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
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
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.LargeDocuments;
import org.mlagateway.testing.Phase4Receiver;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;
import org.mlagateway.tools.demo.DemoTranslator;

/**
 * KZ-GPO's sender delivers to phase4's own AS4 receiver (4.2.0, {@link Phase4Receiver}) playing TR-MOJ,
 * over mutual TLS: phase4 decrypts, verifies and decompresses the message with its own code, and answers
 * with the non-repudiation Receipt it signs itself, which our sender verifies before it marks the
 * message DELIVERED. A receipt damaged on its way back, or stripped of its signature, is a typed
 * {@code ReceiptInvalid} attempt and the message stays undelivered.
 */
class Phase4ReceiverInteropTest {
    @TempDir
    static Path dir;

    private static Gateway kz;
    private static Path deployment;
    private static Phase4Receiver phase4;

    @BeforeAll
    static void start() throws Exception {
        deployment = SampleDeployments.generate(dir.resolve("keys"));
        As4InboundTest.asAs4Partner(deployment.resolve("kz-gpo/gateway.yaml"), "TR-MOJ");
        kz = Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz-data")), Clock.systemUTC());
        ScopeManager.onGlobalBegin("phase4-receiver-interop");
        phase4 = new Phase4Receiver(
                deployment,
                "tr-moj",
                "kz-gpo",
                new Phase4Receiver.Agreement(
                        "KZ-GPO", "TR-MOJ", As4Config.DEFAULT_PARTY_ID_TYPE, As4Config.DEFAULT_SERVICE, "MLA_REQUEST"));
        kz.useEndpoint("TR-MOJ", phase4.url());
    }

    @AfterAll
    static void stop() {
        if (phase4 != null) {
            phase4.close();
        }
        if (kz != null) {
            kz.close();
        }
        ScopeManager.onGlobalEnd();
        // As in Phase4InteropTest: phase4's clean-up leaves WSS4J without its JCE providers.
        WSSConfig.setAddJceProviders(true);
        WSSConfig.init();
    }

    private static Message request() {
        return new ExampleMessages(kz.codec()).request("mla-request.xml", "KZ-GPO", "TR-MOJ");
    }

    private static String submit(Message request) {
        kz.submissions()
                .submit(kz.codec().write(request), "test", UUID.randomUUID().toString());
        return request.getHeader().getMessageId();
    }

    private static StoredMessage sent(String id) {
        return kz.store().message(Direction.OUT, "TR-MOJ", id).orElseThrow();
    }

    private static Phase4Receiver.Received receivedByPhase4(String ebmsMessageId) {
        return phase4.received().stream()
                .filter(r -> r.header().getMessageInfo().getMessageId().equals(ebmsMessageId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("phase4 did not pass on " + ebmsMessageId));
    }

    @Test
    void weSendToPhase4_edelivery1_itDecryptsThePayload_andWeVerifyItsSignedReceipt() throws Exception {
        String id = submit(request());
        TwoGateways.await("delivery to phase4 of " + id, Duration.ofSeconds(30), () -> {
            DemoTranslator.translatePending(kz);
            return MessageStatus.DELIVERED.equals(sent(id).status());
        });
        StoredMessage stored = sent(id);
        Phase4Receiver.Received got = receivedByPhase4(id + "@KZ-GPO");
        assertEquals(1, got.parts().size());
        assertArrayEquals(stored.messageXml(), got.parts().get(0), "phase4 decrypted and inflated our msg:Message");
        Ebms3UserMessage header = got.header();
        assertEquals(
                "KZ-GPO", header.getPartyInfo().getFrom().getPartyIdAtIndex(0).getValue());
        assertEquals(
                "TR-MOJ", header.getPartyInfo().getTo().getPartyIdAtIndex(0).getValue());
        assertEquals(
                As4Config.DEFAULT_SERVICE,
                header.getCollaborationInfo().getService().getValue());
        assertEquals("MLA_REQUEST", header.getCollaborationInfo().getAction());
        assertEquals(stored.conversationId(), header.getCollaborationInfo().getConversationId());
        Map<String, String> properties = header.getMessageProperties().getProperty().stream()
                .collect(Collectors.toMap(Ebms3Property::getName, Ebms3Property::getValue));
        assertEquals("KZ-GPO", properties.get(As4Payload.ORIGINAL_SENDER));
        assertEquals("TR-MOJ", properties.get(As4Payload.FINAL_RECIPIENT));
        assertEquals(
                PkiFiles.readCertificates(deployment.resolve("kz-gpo/signing.pem"))
                        .get(0),
                got.signer(),
                "phase4 verified our signature with our signing certificate");

        List<DeliveryAttempt> attempts = kz.store().attempts(stored.pk());
        assertEquals(
                DeliveryAttempt.Outcome.DELIVERED,
                attempts.get(attempts.size() - 1).outcome());
        assertNotNull(stored.receiptLogSeq(), "phase4's receipt is in the message log");
    }

    @Test
    void twoDocumentsAsParts_phase4HandsOnEveryPart_inflatedAsSent() throws Exception {
        Map<String, Long> documents = new java.util.LinkedHashMap<>();
        documents.put("scan-1@kz-gpo", 70_000L);
        documents.put("scan-2@kz-gpo", 12_345L);
        Message request = request();
        int n = 0;
        for (Map.Entry<String, Long> d : documents.entrySet()) {
            LargeDocuments.attach(kz.codec(), request, "scan-" + ++n, d.getKey(), d.getValue());
        }
        java.net.http.HttpResponse<String> answer = LargeDocuments.submit(
                kz.apiUrl(),
                ApiClient.token(deployment, "kz-gpo", "mvd-investigation"),
                kz.codec().write(request),
                documents);
        assertEquals(201, answer.statusCode(), answer.body());
        String id = request.getHeader().getMessageId();
        TwoGateways.await("delivery to phase4 of " + id, Duration.ofSeconds(30), () -> {
            DemoTranslator.translatePending(kz);
            return MessageStatus.DELIVERED.equals(sent(id).status());
        });
        Phase4Receiver.Received got = receivedByPhase4(id + "@KZ-GPO");
        assertEquals(3, got.parts().size(), "the message and both documents");
        assertArrayEquals(sent(id).messageXml(), got.parts().get(0));
        int i = 1;
        for (long size : documents.values()) {
            try (java.io.InputStream content = LargeDocuments.content(size)) {
                assertArrayEquals(content.readAllBytes(), got.parts().get(i++), "document part " + i);
            }
        }
    }

    @Test
    void aReceiptAlteredOnItsWayBack_isReceiptInvalid_andPhase4AnswersTheRetryAsADuplicate() {
        String first = rejectedOnce(receipt -> replaceFirst(receipt, "DigestValue>", "DigestValue>AA"));
        assertTrue(first.startsWith("ReceiptInvalid SignatureInvalid"), first);
    }

    @Test
    void aReceiptStrippedOfItsSignature_isReceiptInvalid() {
        String first = rejectedOnce(receipt -> {
            String s = new String(receipt, StandardCharsets.UTF_8);
            return s.replaceAll("(?s)<wsse:Security.*</wsse:Security>", "").getBytes(StandardCharsets.UTF_8);
        });
        assertTrue(first.startsWith("ReceiptInvalid SecurityHeaderMissing"), first);
    }

    /**
     * Sends one message whose first receipt {@code damage} alters; returns the first attempt's code and
     * detail. phase4 has committed the message by then, so every retry (the same ebMS MessageId) is to
     * phase4 a duplicate: it answers with a signed ebMS error, not the receipt again, and the message
     * stays undelivered (docs/as4.md, what phase4 does differently).
     */
    private static String rejectedOnce(UnaryOperator<byte[]> damage) {
        Message request = request();
        String ebmsId = request.getHeader().getMessageId() + "@KZ-GPO";
        AtomicBoolean used = new AtomicBoolean();
        // Only the first answer to this message: earlier tests' messages may still be retried meanwhile.
        phase4.filterAnswers(
                answer -> new String(answer, StandardCharsets.UTF_8).contains(ebmsId) && used.compareAndSet(false, true)
                        ? damage.apply(answer)
                        : answer);
        String id = submit(request);
        TwoGateways.await("two attempts of " + id, Duration.ofSeconds(30), () -> {
            DemoTranslator.translatePending(kz);
            return kz.store().message(Direction.OUT, "TR-MOJ", id).isPresent()
                    && kz.store().attempts(sent(id).pk()).size() >= 2;
        });
        phase4.filterAnswers(UnaryOperator.identity());
        receivedByPhase4(ebmsId);
        assertNotEquals(MessageStatus.DELIVERED, sent(id).status());
        List<DeliveryAttempt> attempts = kz.store().attempts(sent(id).pk());
        DeliveryAttempt retry = attempts.get(1);
        assertEquals("PartnerFault", retry.errorCode(), retry.detail());
        assertTrue(retry.detail().contains("EBMS:0004"), retry.detail());
        DeliveryAttempt attempt = attempts.get(0);
        return attempt.errorCode() + " " + attempt.detail();
    }

    private static byte[] replaceFirst(byte[] body, String what, String with) {
        String s = new String(body, StandardCharsets.UTF_8);
        assertTrue(s.contains(what), s);
        return s.replaceFirst(what, with).getBytes(StandardCharsets.UTF_8);
    }
}
