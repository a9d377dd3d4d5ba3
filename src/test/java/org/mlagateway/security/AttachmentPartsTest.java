package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.testing.DefaultLimits;
import org.mlagateway.testing.EnvelopeForge;
import org.mlagateway.testing.TestPki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Documents as attachment parts (docs/protocol.md#attachments): what our sealer signs and encrypts,
 * the verifier accepts, and each part decrypts to the content whose SHA-256 the signature holds;
 * a part that is not both signed and encrypted, or whose signed digest or cipher text changed, is
 * refused with its own code.
 */
class AttachmentPartsTest {
    private static TestPki kz;
    private static TestPki ru;
    private static PartnerTrust trust;

    @BeforeAll
    static void pki() {
        kz = TestPki.create("KZ-GPO", "KZ");
        ru = TestPki.create("RU-GPO", "RU");
        trust = new PartnerTrust(List.of(new PartnerTrust.Partner(
                "RU-GPO",
                List.of("RU-GPO"),
                List.of(ru.root().certificate(), ru.intermediate().certificate()),
                List.of(ru.crl()))));
    }

    private static byte[] content(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private record Sent(SealedParts sealed, byte[][] contents, byte[][] wire) {}

    private static Sent send(int... sizes) throws Exception {
        EnvelopeSealer sealer = new EnvelopeSealer(
                ru.signing(), AlgorithmPolicy.PROFILE, Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH);
        Element msg = EnvelopeForge.parse(
                        InboundVerifierTest.message("RU-GPO", "KZ-GPO").getBytes(StandardCharsets.UTF_8))
                .getDocumentElement();
        byte[][] contents = new byte[sizes.length][];
        PartDigest[] digests = new PartDigest[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            contents[i] = content(sizes[i], i);
            digests[i] = new PartDigest("doc-" + i + "@ru-gpo", sha256(contents[i]));
        }
        SealedParts sealed = sealer.seal(msg, kz.encryption().certificate(), List.of(digests));
        byte[][] wire = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            wire[i] = sealed.encrypt(new ByteArrayInputStream(contents[i])).readAllBytes();
        }
        return new Sent(sealed, contents, wire);
    }

    private static VerifiedMessage verify(byte[] envelope) {
        return new InboundVerifier(
                        "KZ-GPO",
                        kz.encryption(),
                        trust,
                        AlgorithmPolicy.PROFILE,
                        Clock.fixed(Instant.now(), ZoneOffset.UTC),
                        Duration.ofSeconds(300),
                        100)
                .verify(envelope);
    }

    private static byte[] edit(byte[] envelope, Consumer<Document> change) {
        Document doc = EnvelopeForge.parse(envelope);
        change.accept(doc);
        return EnvelopeForge.serialize(doc);
    }

    private static void assertRejected(ErrorCode code, byte[] envelope) {
        GatewayException e = assertThrows(GatewayException.class, () -> verify(envelope));
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void signedAndEncryptedParts_verify_andDecryptToTheSignedContent() throws Exception {
        Sent sent = send(0, 100_000, 1_000_003);

        VerifiedMessage m = verify(sent.sealed().envelope().bytes());

        assertEquals(3, m.parts().size());
        assertEquals(5, m.references().size(), "Body, Timestamp and one reference per part");
        for (int i = 0; i < 3; i++) {
            VerifiedPart part = m.parts().get(i);
            assertEquals("doc-" + i + "@ru-gpo", part.contentId());
            assertEquals(java.util.HexFormat.of().formatHex(sha256(sent.contents()[i])), part.sha256Hex());
            try (InputStream plain = part.decrypt(new ByteArrayInputStream(sent.wire()[i]))) {
                assertArrayEquals(sent.contents()[i], plain.readAllBytes());
            }
        }
        String wire = new String(sent.sealed().envelope().bytes(), StandardCharsets.UTF_8);
        assertTrue(wire.contains(PartsProfile.CONTENT_SIGNATURE_TRANSFORM));
        assertTrue(wire.contains(PartsProfile.CIPHERTEXT_TRANSFORM));
    }

    @Test
    void aChangedPart_failsDecryptionAtItsEnd() throws Exception {
        Sent sent = send(70_000);
        VerifiedPart part = verify(sent.sealed().envelope().bytes()).parts().get(0);
        byte[] changed = sent.wire()[0].clone();
        changed[40_000] ^= 0x10;

        GatewayException e = assertThrows(GatewayException.class, () -> part.decrypt(new ByteArrayInputStream(changed))
                .readAllBytes());
        assertEquals(ErrorCode.DECRYPTION_FAILED, e.code());
    }

    @Test
    void aChangedSignedDigest_breaksTheSignature() throws Exception {
        byte[] envelope = send(1000).sealed().envelope().bytes();
        assertRejected(ErrorCode.SIGNATURE_INVALID, edit(envelope, doc -> {
            for (Element ref : EnvelopeForge.find(doc, "Reference")) {
                if (ref.getAttribute("URI").startsWith("cid:")) {
                    Element value = (Element)
                            ref.getElementsByTagNameNS("*", "DigestValue").item(0);
                    value.setTextContent("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
                }
            }
        }));
    }

    @Test
    void aPartEncryptedButNotSigned_orSignedButNotEncrypted_isRefused() throws Exception {
        byte[] envelope = send(1000, 2000).sealed().envelope().bytes();
        // A second description of an encrypted part under a content id the signature does not cover.
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, edit(envelope, doc -> {
            Element data = partData(doc).get(1);
            ((Element) data.getElementsByTagNameNS("*", "CipherReference").item(0)).setAttribute("URI", "cid:other");
        }));
        // The description of the second part removed, with its DataReference.
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, edit(envelope, doc -> {
            Element data = partData(doc).get(1);
            String id = data.getAttribute("Id");
            for (Element ref : EnvelopeForge.find(doc, "DataReference")) {
                if (ref.getAttribute("URI").equals("#" + id)) {
                    ref.getParentNode().removeChild(ref);
                }
            }
            data.getParentNode().removeChild(data);
        }));
    }

    @Test
    void anEncryptedPartOutsideTheReferenceList_orWithAnotherTransform_isRefused() throws Exception {
        byte[] envelope = send(1000).sealed().envelope().bytes();
        assertRejected(ErrorCode.DECRYPTION_FAILED, edit(envelope, doc -> {
            Element ref = EnvelopeForge.find(doc, "DataReference").get(1);
            ref.getParentNode().removeChild(ref);
        }));
        assertRejected(ErrorCode.DECRYPTION_FAILED, edit(envelope, doc -> {
            Element t = (Element) partData(doc)
                    .get(0)
                    .getElementsByTagNameNS("*", "Transform")
                    .item(0);
            t.setAttribute("Algorithm", PartsProfile.SWA + "Attachment-Complete-Signature-Transform");
        }));
    }

    @Test
    void aPartReferenceWithAnotherTransform_isOutsideTheProfile() throws Exception {
        byte[] envelope = send(1000).sealed().envelope().bytes();
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, edit(envelope, doc -> {
            for (Element ref : EnvelopeForge.find(doc, "Reference")) {
                if (ref.getAttribute("URI").startsWith("cid:")) {
                    Element t = (Element)
                            ref.getElementsByTagNameNS("*", "Transform").item(0);
                    t.setAttribute("Algorithm", PartsProfile.SWA + "Attachment-Complete-Signature-Transform");
                }
            }
        }));
    }

    private static List<Element> partData(Document doc) {
        return EnvelopeForge.find(doc, "EncryptedData").stream()
                .filter(e -> PartsProfile.CONTENT_ONLY.equals(e.getAttribute("Type")))
                .toList();
    }

    @Test
    void contentIdsOutsideTheProfile_areRefusedBeforeSigning() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new PartDigest("<doc>", new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new PartDigest("", new byte[32]));
    }
}
