package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.testing.DefaultLimits;
import org.mlagateway.testing.EnvelopeForge;
import org.mlagateway.testing.TestPki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReceiptTest {
    private static final String ID = "5b7f3a1e-9c2d-4e8f-a1b0-3c4d5e6f7a8b";
    private static TestPki kz;
    private static TestPki ru;
    private static TestPki tr;
    private static SealedEnvelope sent;
    private static VerifiedMessage received;

    @BeforeAll
    static void exchange() {
        kz = TestPki.create("KZ-GPO", "KZ");
        ru = TestPki.create("RU-GPO", "RU");
        tr = TestPki.create("TR-MOJ", "TR");
        EnvelopeSealer kzSealer = new EnvelopeSealer(
                kz.signing(), AlgorithmPolicy.PROFILE, Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH);
        Element msg = EnvelopeForge.parse(
                        InboundVerifierTest.message("KZ-GPO", "RU-GPO").getBytes(StandardCharsets.UTF_8))
                .getDocumentElement();
        sent = kzSealer.seal(msg, ru.encryption().certificate());
        PartnerTrust ruTrust = new PartnerTrust(List.of(partner(kz)));
        received = new InboundVerifier(
                        "RU-GPO",
                        ru.encryption(),
                        ruTrust,
                        AlgorithmPolicy.PROFILE,
                        Clock.systemUTC(),
                        Duration.ofMinutes(5),
                        100)
                .verify(sent.bytes());
    }

    private static PartnerTrust.Partner partner(TestPki pki) {
        return new PartnerTrust.Partner(
                pki.authorityId(),
                List.of(pki.authorityId()),
                List.of(pki.root().certificate(), pki.intermediate().certificate()),
                List.of(pki.crl()));
    }

    private static byte[] receiptFrom(TestPki signer, Receipt receipt) {
        EnvelopeSealer sealer = new EnvelopeSealer(
                signer.signing(), AlgorithmPolicy.PROFILE, Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH);
        return new ReceiptIssuer(sealer).issue(receipt, received.referenceElements());
    }

    private static Receipt accepted(byte[] digest) {
        return new Receipt(ID, Receipt.Status.ACCEPTED, Instant.parse("2026-11-24T10:00:00Z"), 42, null, null, digest);
    }

    private static ReceiptVerifier kzVerifier() {
        return new ReceiptVerifier(
                new PartnerTrust(List.of(partner(ru), partner(tr))),
                AlgorithmPolicy.PROFILE,
                Clock.systemUTC(),
                Duration.ofMinutes(5),
                100);
    }

    @Test
    void receiptForWhatWasSent_verifiesAndCarriesItsFacts() {
        byte[] response = receiptFrom(ru, accepted(org.mlagateway.message.Sha256.of(sent.bytes())));
        Receipt r = kzVerifier().verify(response, ID, sent, "RU-GPO");
        assertEquals(Receipt.Status.ACCEPTED, r.status());
        assertEquals(42, r.logSequence());
        assertArrayEquals(org.mlagateway.message.Sha256.of(sent.bytes()), r.envelopeDigest());
    }

    @Test
    void duplicateReceipt_namesTheOriginalDelivery() {
        Receipt dup = new Receipt(
                ID,
                Receipt.Status.DUPLICATE,
                Instant.parse("2026-11-24T11:00:00Z"),
                57,
                Instant.parse("2026-11-24T10:00:00Z"),
                42L,
                org.mlagateway.message.Sha256.of(sent.bytes()));
        Receipt r = kzVerifier().verify(receiptFrom(ru, dup), ID, sent, "RU-GPO");
        assertEquals(Receipt.Status.DUPLICATE, r.status());
        assertEquals(42L, r.originalLogSequence());
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), r.originalReceivedAt());
    }

    @Test
    void receiptWithAnotherEnvelopeDigest_isReceiptInvalid() {
        byte[] response = receiptFrom(ru, accepted(org.mlagateway.message.Sha256.of("other".getBytes())));
        GatewayException e =
                assertThrows(GatewayException.class, () -> kzVerifier().verify(response, ID, sent, "RU-GPO"));
        assertEquals(ErrorCode.RECEIPT_INVALID, e.code());
    }

    @Test
    void receiptForAnotherMessageId_isReceiptInvalid() {
        byte[] response = receiptFrom(ru, accepted(org.mlagateway.message.Sha256.of(sent.bytes())));
        GatewayException e = assertThrows(GatewayException.class, () -> kzVerifier()
                .verify(response, "00000000-0000-0000-0000-000000000000", sent, "RU-GPO"));
        assertEquals(ErrorCode.RECEIPT_INVALID, e.code());
    }

    @Test
    void receiptWithAlteredReferenceDigest_isSignatureInvalidBecauseTheBodyIsSigned() {
        byte[] response = receiptFrom(ru, accepted(org.mlagateway.message.Sha256.of(sent.bytes())));
        Document doc = EnvelopeForge.parse(response);
        Element nri = EnvelopeForge.find(doc, "NonRepudiationInformation").get(0);
        Element value = (Element) nri.getElementsByTagNameNS("*", "DigestValue").item(0);
        value.setTextContent(Base64.getEncoder().encodeToString(new byte[32]));
        GatewayException e = assertThrows(
                GatewayException.class, () -> kzVerifier().verify(EnvelopeForge.serialize(doc), ID, sent, "RU-GPO"));
        assertEquals(ErrorCode.SIGNATURE_INVALID, e.code());
    }

    @Test
    void receiptSignedByAnotherPartner_isSenderMismatch() {
        byte[] response = receiptFrom(tr, accepted(org.mlagateway.message.Sha256.of(sent.bytes())));
        GatewayException e =
                assertThrows(GatewayException.class, () -> kzVerifier().verify(response, ID, sent, "RU-GPO"));
        assertEquals(ErrorCode.SENDER_MISMATCH, e.code());
    }

    @Test
    void receiptIsSignedButNotEncrypted() {
        String wire = new String(
                receiptFrom(ru, accepted(org.mlagateway.message.Sha256.of(sent.bytes()))), StandardCharsets.UTF_8);
        assertEquals(-1, wire.indexOf("EncryptedData"));
        assertEquals(true, wire.contains("exc:NonRepudiationInformation"));
    }
}
