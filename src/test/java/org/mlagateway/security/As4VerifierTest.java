package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.testing.DefaultLimits;
import org.mlagateway.testing.TestPki;

class As4VerifierTest {
    private static final long LIMIT = 1 << 20;
    private static TestPki kz;
    private static TestPki tr;
    private static As4Sealer trSealer;
    private static As4Verifier kzVerifier;

    @BeforeAll
    static void pki() {
        kz = TestPki.create("KZ-GPO", "KZ");
        tr = TestPki.create("TR-MOJ", "TR");
        trSealer =
                new As4Sealer(SigningKeys.single(tr.signing()), Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH, LIMIT);
        PartnerTrust trust = new PartnerTrust(List.of(new PartnerTrust.Partner(
                "TR-MOJ",
                List.of("TR-MOJ"),
                List.of(tr.root().certificate(), tr.intermediate().certificate()),
                List.of(tr.crl()))));
        kzVerifier =
                new As4Verifier(List.of(kz.encryption()), trust, Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH, LIMIT);
    }

    static As4UserMessage header(String... hrefs) {
        return new As4UserMessage(
                UUID.randomUUID() + "@tr.example",
                Instant.now(),
                new As4UserMessage.Party("TR-MOJ-AP", "urn:test", As4Profile.INITIATOR),
                new As4UserMessage.Party("KZ-GPO", "urn:test", As4Profile.RESPONDER),
                "urn:test:service",
                "MLA_REQUEST",
                "conv-1",
                Map.of("originalSender", "TR-MOJ", "finalRecipient", "KZ-GPO"),
                java.util.Arrays.stream(hrefs)
                        .map(h -> new As4UserMessage.PartInfo("cid:" + h, Map.of("MimeType", "text/plain")))
                        .toList());
    }

    static As4Mime.Part part(String id, String text) {
        return new As4Mime.Part(id, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
    }

    private static As4Mime wire(As4Sealer.Sealed sealed) {
        return As4Mime.parse(sealed.wire().body(), sealed.wire().contentType(), 10, LIMIT);
    }

    private static As4Verifier.Verified verify(As4Mime mime) {
        return kzVerifier.verify(mime, h -> As4Profile.EDELIVERY_1, new EnvelopeFacts());
    }

    private static ErrorCode rejection(As4Mime mime) {
        return assertThrows(GatewayException.class, () -> verify(mime)).code();
    }

    @Test
    void sealedMessage_verifiesWithItsPartsDecrypted() {
        As4Sealer.Sealed sealed = trSealer.seal(
                header("a@tr", "b@tr"),
                List.of(part("a@tr", "first"), part("b@tr", "second")),
                kz.encryption().certificate(),
                As4Profile.EDELIVERY_1);
        As4Verifier.Verified verified = verify(wire(sealed));
        assertEquals("TR-MOJ-AP", verified.header().from().id());
        assertEquals(Set.of("TR-MOJ"), verified.trustedPartners());
        assertArrayEquals(
                "first".getBytes(StandardCharsets.UTF_8),
                verified.parts().get(0).bytes());
        assertArrayEquals(
                "second".getBytes(StandardCharsets.UTF_8),
                verified.parts().get(1).bytes());
        assertEquals(4, verified.referenceElements().size());
    }

    @Test
    void receiptOfTheReceiver_provesWhatWasSent_toTheSender() {
        As4UserMessage header = header("a@tr");
        As4Sealer.Sealed sealed = trSealer.seal(
                header, List.of(part("a@tr", "x")), kz.encryption().certificate(), As4Profile.EDELIVERY_1);
        As4Verifier.Verified verified = verify(wire(sealed));
        As4Sealer kzSealer =
                new As4Sealer(SigningKeys.single(kz.signing()), Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH, LIMIT);
        byte[] receipt = new As4Signals(kzSealer, kzVerifier, Clock.systemUTC())
                .receipt(header.messageId(), verified.referenceElements(), As4Profile.EDELIVERY_1);
        PartnerTrust kzTrust = new PartnerTrust(List.of(new PartnerTrust.Partner(
                "KZ-GPO",
                List.of("KZ-GPO"),
                List.of(kz.root().certificate(), kz.intermediate().certificate()),
                List.of(kz.crl()))));
        As4Signals trSignals = new As4Signals(
                trSealer,
                new As4Verifier(
                        List.of(tr.encryption()), kzTrust, Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH, LIMIT),
                Clock.systemUTC());
        trSignals.verifyReceipt(receipt, header.messageId(), sealed.references(), "KZ-GPO", As4Profile.EDELIVERY_1);
        assertEquals(
                ErrorCode.RECEIPT_INVALID,
                assertThrows(
                                GatewayException.class,
                                () -> trSignals.verifyReceipt(
                                        receipt, "other@tr", sealed.references(), "KZ-GPO", As4Profile.EDELIVERY_1))
                        .code());
    }

    @Test
    void partSwappedAfterSigning_isRejectedAsSignatureInvalid() {
        As4Sealer.Sealed sealed = trSealer.seal(
                header("a@tr"),
                List.of(part("a@tr", "what was signed")),
                List.of(part("a@tr", "what was swapped in")),
                kz.encryption().certificate(),
                As4Profile.EDELIVERY_1);
        assertEquals(ErrorCode.SIGNATURE_INVALID, rejection(wire(sealed)));
    }

    @Test
    void unsignedPart_isRejectedAsSignatureCoverage() {
        As4Sealer.Sealed sealed = trSealer.seal(
                header("a@tr", "b@tr"),
                List.of(part("a@tr", "signed")),
                List.of(part("a@tr", "signed"), part("b@tr", "never signed")),
                kz.encryption().certificate(),
                As4Profile.EDELIVERY_1);
        assertEquals(ErrorCode.SIGNATURE_COVERAGE, rejection(wire(sealed)));
    }

    @Test
    void partInClear_isRejectedAsUnsupportedAlgorithm() {
        As4Sealer.Sealed sealed = trSealer.seal(
                header("a@tr"), List.of(part("a@tr", "x")), List.of(part("a@tr", "x")), null, As4Profile.EDELIVERY_1);
        assertEquals(ErrorCode.UNSUPPORTED_ALGORITHM, rejection(wire(sealed)));
    }

    @Test
    void weakerAlgorithms_areRejectedBeforeAnyCryptography() {
        As4Sealer.Sealed sealed = trSealer.seal(
                header("a@tr"), List.of(part("a@tr", "x")), kz.encryption().certificate(), As4Profile.EDELIVERY_1);
        for (String[] downgrade : List.of(
                new String[] {"xmldsig-more#rsa-sha256", "xmldsig-more#rsa-sha512"},
                new String[] {"xmlenc11#aes128-gcm", "xmlenc11#aes256-gcm"},
                new String[] {"xmlenc11#mgf1sha256", "xmlenc11#mgf1sha1"})) {
            As4Mime mime = wire(sealed);
            byte[] env = new String(mime.envelope(), StandardCharsets.UTF_8)
                    .replace(downgrade[0], downgrade[1])
                    .getBytes(StandardCharsets.UTF_8);
            assertEquals(ErrorCode.UNSUPPORTED_ALGORITHM, rejection(new As4Mime(env, mime.parts())), downgrade[1]);
        }
    }

    @Test
    void flippedCiphertextBit_isRejectedAsDecryptionFailed_andAlteredHeaderAsSignatureInvalid() {
        As4Sealer.Sealed sealed = trSealer.seal(
                header("a@tr"), List.of(part("a@tr", "x")), kz.encryption().certificate(), As4Profile.EDELIVERY_1);
        As4Mime mime = wire(sealed);
        byte[] cipher = mime.parts().get(0).bytes();
        cipher[cipher.length / 2] ^= 1;
        As4Mime.Part flipped = new As4Mime.Part("a@tr", mime.parts().get(0).headers(), cipher);
        assertEquals(ErrorCode.DECRYPTION_FAILED, rejection(new As4Mime(mime.envelope(), List.of(flipped))));
        byte[] env = new String(mime.envelope(), StandardCharsets.UTF_8)
                .replace(">MLA_REQUEST<", ">REFUSAL<")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(ErrorCode.SIGNATURE_INVALID, rejection(new As4Mime(env, mime.parts())));
    }
}
