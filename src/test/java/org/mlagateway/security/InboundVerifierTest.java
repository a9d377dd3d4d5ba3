package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.apache.wss4j.dom.WSConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.testing.DefaultLimits;
import org.mlagateway.testing.EnvelopeForge;
import org.mlagateway.testing.TestPki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class InboundVerifierTest {
    private static TestPki kz;
    private static TestPki ru;
    private static TestPki tr;
    private static TestPki stranger;
    private static PartnerTrust trust;

    @BeforeAll
    static void pki() {
        kz = TestPki.create("KZ-GPO", "KZ");
        ru = TestPki.create("RU-GPO", "RU");
        tr = TestPki.create("TR-MOJ", "TR");
        stranger = TestPki.create("XX-EVIL", "DE");
        trust = new PartnerTrust(List.of(partner(ru), partner(tr)));
    }

    private static PartnerTrust.Partner partner(TestPki pki) {
        return new PartnerTrust.Partner(
                pki.authorityId(),
                List.of(pki.authorityId()),
                List.of(pki.root().certificate(), pki.intermediate().certificate()),
                List.of(pki.crl()));
    }

    static String message(String sender, String recipient) {
        return "<msg:Message xmlns:msg='urn:mla-gateway:message:1'><msg:Header>"
                + "<msg:Sender><msg:AuthorityId>" + sender + "</msg:AuthorityId></msg:Sender>"
                + "<msg:Recipient><msg:AuthorityId>" + recipient + "</msg:AuthorityId></msg:Recipient>"
                + "</msg:Header><msg:Note xml:lang='kk'>өзара құқықтық көмек</msg:Note></msg:Message>";
    }

    private static InboundVerifier verifier(Instant now) {
        return new InboundVerifier(
                "KZ-GPO",
                kz.encryption(),
                trust,
                AlgorithmPolicy.PROFILE,
                Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofSeconds(300),
                100);
    }

    private static VerifiedMessage verify(byte[] envelope) {
        return verifier(Instant.now()).verify(envelope);
    }

    private static EnvelopeForge fromRu() {
        return new EnvelopeForge(ru.signing(), kz.encryption().certificate());
    }

    private static byte[] valid() {
        return fromRu().build(message("RU-GPO", "KZ-GPO"));
    }

    private static void assertRejected(ErrorCode expected, Executable action) {
        GatewayException e = assertThrows(GatewayException.class, action);
        assertEquals(expected, e.code(), e.getMessage());
    }

    private static void assertRejected(ErrorCode expected, byte[] envelope) {
        assertRejected(expected, () -> verify(envelope));
    }

    private static byte[] edit(byte[] envelope, java.util.function.Consumer<Document> change) {
        Document doc = EnvelopeForge.parse(envelope);
        change.accept(doc);
        return EnvelopeForge.serialize(doc);
    }

    private static Element first(Document doc, String localName) {
        return EnvelopeForge.find(doc, localName).get(0);
    }

    @Test
    void validEnvelopeFromAnIndependentStack_isAcceptedWithSenderAndReferences() {
        VerifiedMessage m = verify(valid());
        assertEquals("RU-GPO", m.partnerId());
        assertEquals("RU-GPO", m.senderAuthorityId());
        assertEquals(2, m.references().size());
        assertEquals(2, m.referenceElements().size());
        assertEquals(
                "өзара құқықтық көмек",
                m.message().getElementsByTagNameNS("*", "Note").item(0).getTextContent());
    }

    @Test
    void ownSealer_producesWhatTheVerifierAccepts() {
        EnvelopeSealer sealer = new EnvelopeSealer(
                ru.signing(), AlgorithmPolicy.PROFILE, Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH);
        Element msg = EnvelopeForge.parse(message("RU-GPO", "KZ-GPO").getBytes(StandardCharsets.UTF_8))
                .getDocumentElement();
        SealedEnvelope sealed = sealer.seal(msg, kz.encryption().certificate());
        VerifiedMessage m = verify(sealed.bytes());
        assertEquals(sealed.references(), m.references(), "the receiver sees exactly the references the sender made");
        String wire = new String(sealed.bytes(), StandardCharsets.UTF_8);
        assertEquals(-1, wire.indexOf("InclusiveNamespaces"), "no PrefixList on our signatures");
    }

    @Test
    void skiIdentifiedEncryptionKey_isAccepted() {
        EnvelopeForge forge = fromRu();
        forge.encryptionKeyId = WSConstants.SKI_KEY_IDENTIFIER;
        assertEquals("RU-GPO", verify(forge.build(message("RU-GPO", "KZ-GPO"))).partnerId());
    }

    @Test
    void aes256Gcm_isAccepted() {
        EnvelopeForge forge = fromRu();
        forge.dataAlgorithm = EnvelopeForge.AES256_GCM;
        assertEquals("RU-GPO", verify(forge.build(message("RU-GPO", "KZ-GPO"))).partnerId());
    }

    @Test
    void referenceListStandingAfterTheEncryptedKey_isAccepted() {
        byte[] moved = edit(valid(), doc -> {
            Element list = first(doc, "ReferenceList");
            Element key = (Element) list.getParentNode();
            key.removeChild(list);
            key.getParentNode().insertBefore(list, key.getNextSibling());
        });
        assertEquals("RU-GPO", verify(moved).partnerId());
    }

    @Test
    void bitFlipInBodyCiphertext_isDecryptionFailed() {
        byte[] env = valid();
        Document doc = EnvelopeForge.parse(env);
        Element cipher = EnvelopeForge.find(doc, "CipherValue").get(1);
        byte[] bytes = Base64.getMimeDecoder().decode(cipher.getTextContent());
        for (int bit : new int[] {0, 7, 8 * 12, 8 * (bytes.length / 2) + 3, 8 * bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            cipher.setTextContent(Base64.getEncoder().encodeToString(flipped));
            assertRejected(ErrorCode.DECRYPTION_FAILED, EnvelopeForge.serialize(doc));
        }
    }

    @Test
    void bitFlipInTheSignatureValue_isSignatureInvalid() {
        byte[] env = valid();
        Document doc = EnvelopeForge.parse(env);
        Element value = first(doc, "SignatureValue");
        byte[] bytes = Base64.getMimeDecoder().decode(value.getTextContent());
        for (int bit : new int[] {0, 9, 1000, 8 * bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            value.setTextContent(Base64.getEncoder().encodeToString(flipped));
            assertRejected(ErrorCode.SIGNATURE_INVALID, EnvelopeForge.serialize(doc));
        }
    }

    @Test
    void bitFlipInTheEncryptedKey_isDecryptionFailed() {
        byte[] changed = edit(valid(), doc -> {
            Element cipher = EnvelopeForge.find(doc, "CipherValue").get(0);
            byte[] bytes = Base64.getMimeDecoder().decode(cipher.getTextContent());
            bytes[17] ^= 0x10;
            cipher.setTextContent(Base64.getEncoder().encodeToString(bytes));
        });
        assertRejected(ErrorCode.DECRYPTION_FAILED, changed);
    }

    @Test
    void changedTimestampAfterSigning_isSignatureInvalid() {
        byte[] changed = edit(valid(), doc -> {
            Element expires = first(doc, "Expires");
            Instant later = Instant.parse(expires.getTextContent()).minusSeconds(1);
            expires.setTextContent(later.toString());
        });
        assertRejected(ErrorCode.SIGNATURE_INVALID, changed);
    }

    @Test
    void plaintextBodyEncryptedByAnotherSigner_isSignatureInvalid() {
        // Same structure, but the Body content was swapped for another valid encryption: the digest
        // over the decrypted Body no longer matches what was signed.
        byte[] original = valid();
        byte[] other = fromRu().build(message("RU-GPO", "KZ-GPO").replace("өзара", "бөгде"));
        Document target = EnvelopeForge.parse(original);
        Document source = EnvelopeForge.parse(other);
        Element targetKey = first(target, "EncryptedKey");
        Element sourceKey = (Element) target.importNode(first(source, "EncryptedKey"), true);
        targetKey.getParentNode().replaceChild(sourceKey, targetKey);
        Element targetData = first(target, "EncryptedData");
        Element sourceData = (Element) target.importNode(first(source, "EncryptedData"), true);
        targetData.getParentNode().replaceChild(sourceData, targetData);
        assertRejected(ErrorCode.SIGNATURE_INVALID, EnvelopeForge.serialize(target));
    }

    @Test
    void signedBodyMovedIntoTheHeaderAndReplaced_isSignatureCoverage() {
        byte[] wrapped = edit(valid(), doc -> {
            Element body = first(doc, "Body");
            Element header = first(doc, "Header");
            Element wrapper = doc.createElementNS("urn:attacker", "a:Wrapper");
            header.appendChild(wrapper);
            wrapper.appendChild(body);
            Element forged = doc.createElementNS(EnvelopeForge.SOAP12, "soap:Body");
            forged.appendChild(doc.createElementNS("urn:mla-gateway:message:1", "msg:Message"));
            doc.getDocumentElement().appendChild(forged);
        });
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, wrapped);
    }

    @Test
    void forgedBodyCarryingTheSignedBodysId_isSignatureCoverage() {
        byte[] wrapped = edit(valid(), doc -> {
            Element body = first(doc, "Body");
            Element header = first(doc, "Header");
            Element forged = (Element) body.cloneNode(false);
            header.appendChild(body);
            doc.getDocumentElement().appendChild(forged);
        });
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, wrapped);
    }

    @Test
    void secondBody_isSignatureCoverage() {
        byte[] twoBodies = edit(valid(), doc -> doc.getDocumentElement()
                .appendChild(doc.createElementNS(EnvelopeForge.SOAP12, "soap:Body")));
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, twoBodies);
    }

    @Test
    void secondHeader_isSignatureCoverage() {
        byte[] twoHeaders = edit(valid(), doc -> doc.getDocumentElement()
                .insertBefore(
                        doc.createElementNS(EnvelopeForge.SOAP12, "soap:Header"),
                        doc.getDocumentElement().getFirstChild()));
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, twoHeaders);
    }

    @Test
    void secondSecurityHeader_isSignatureCoverage() {
        byte[] twice = edit(valid(), doc -> first(doc, "Header")
                .appendChild(first(doc, "Security").cloneNode(false)));
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, twice);
    }

    @Test
    void duplicatedWsuId_isSignatureCoverage() {
        byte[] dup = edit(valid(), doc -> {
            Element extra = doc.createElementNS("urn:x", "x:Extra");
            extra.setAttributeNS(
                    EnvelopeForge.WSU, "wsu:Id", first(doc, "Timestamp").getAttributeNS(EnvelopeForge.WSU, "Id"));
            first(doc, "Header").appendChild(extra);
        });
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, dup);
    }

    @Test
    void signatureCoveringAThirdElement_isSignatureCoverage() {
        EnvelopeForge forge = fromRu();
        forge.signToken = true;
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void unsignedBody_isSignatureCoverage() {
        EnvelopeForge forge = fromRu();
        forge.signBody = false;
        assertRejected(ErrorCode.SIGNATURE_COVERAGE, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void unsignedTimestamp_isTimestampInvalid() {
        EnvelopeForge forge = fromRu();
        forge.signTimestamp = false;
        assertRejected(ErrorCode.TIMESTAMP_INVALID, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void missingTimestamp_isTimestampInvalid() {
        EnvelopeForge forge = fromRu();
        forge.timestamp = false;
        assertRejected(ErrorCode.TIMESTAMP_INVALID, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void timestampWithoutExpires_isTimestampInvalid() {
        EnvelopeForge forge = fromRu();
        forge.timestampTtlSeconds = 0;
        assertRejected(ErrorCode.TIMESTAMP_INVALID, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void expiresMoreThanTenMinutesAfterCreated_isTimestampInvalid() {
        EnvelopeForge forge = fromRu();
        forge.timestampTtlSeconds = 601;
        assertRejected(ErrorCode.TIMESTAMP_INVALID, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void expiredTimestamp_isTimestampInvalid() {
        byte[] env = valid();
        assertRejected(ErrorCode.TIMESTAMP_INVALID, () -> verifier(Instant.now().plusSeconds(301))
                .verify(env));
    }

    @Test
    void createdBeyondTheClockSkew_isTimestampInvalid() {
        EnvelopeForge forge = fromRu();
        forge.senderClock = Instant.now().plusSeconds(400);
        assertRejected(ErrorCode.TIMESTAMP_INVALID, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void rsaSha1Signature_isUnsupportedAlgorithm() {
        EnvelopeForge forge = fromRu();
        forge.signatureAlgorithm = EnvelopeForge.RSA_SHA1;
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void sha1Digest_isUnsupportedAlgorithm() {
        EnvelopeForge forge = fromRu();
        forge.digestAlgorithm = EnvelopeForge.SHA1;
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void cbcDataEncryption_isUnsupportedAlgorithm() {
        EnvelopeForge forge = fromRu();
        forge.dataAlgorithm = EnvelopeForge.AES128_CBC;
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void rsa15KeyTransport_isUnsupportedAlgorithm() {
        EnvelopeForge forge = fromRu();
        forge.keyTransport = EnvelopeForge.RSA_15;
        forge.mgf = null;
        forge.keyTransportDigest = null;
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void oaepWithSha1Defaults_isUnsupportedAlgorithm() {
        EnvelopeForge forge = fromRu();
        forge.keyTransport = EnvelopeForge.RSA_OAEP_MGF1P;
        forge.mgf = null;
        forge.keyTransportDigest = null;
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void unencryptedBody_isUnsupportedAlgorithm() {
        EnvelopeForge forge = fromRu();
        forge.encrypt = false;
        assertRejected(ErrorCode.UNSUPPORTED_ALGORITHM, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void expiredSigningCertificate_isCertificateExpired() {
        EnvelopeForge forge =
                new EnvelopeForge(ru.expiredSigning(), kz.encryption().certificate());
        assertRejected(ErrorCode.CERTIFICATE_EXPIRED, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void revokedSigningCertificate_isCertificateRevoked() {
        EnvelopeForge forge =
                new EnvelopeForge(ru.revokedSigning(), kz.encryption().certificate());
        assertRejected(ErrorCode.CERTIFICATE_REVOKED, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void certificateFromAnUnknownCa_isCertificateUntrusted() {
        EnvelopeForge forge =
                new EnvelopeForge(stranger.signing(), kz.encryption().certificate());
        assertRejected(ErrorCode.CERTIFICATE_UNTRUSTED, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void certificateWithoutSigningKeyUsage_isCertificateUntrusted() {
        EnvelopeForge forge =
                new EnvelopeForge(ru.wrongUsageSigning(), kz.encryption().certificate());
        assertRejected(ErrorCode.CERTIFICATE_UNTRUSTED, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void anotherPartnersValidCertificate_isSenderMismatch() {
        EnvelopeForge forge = new EnvelopeForge(tr.signing(), kz.encryption().certificate());
        assertRejected(ErrorCode.SENDER_MISMATCH, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void unknownSenderAuthority_isSenderMismatch() {
        assertRejected(ErrorCode.SENDER_MISMATCH, fromRu().build(message("RU-MVD", "KZ-GPO")));
    }

    @Test
    void messageForAnotherAuthority_isWrongRecipient() {
        assertRejected(ErrorCode.WRONG_RECIPIENT, fromRu().build(message("RU-GPO", "UZ-GPO")));
    }

    @Test
    void encryptedToAnotherCertificate_isDecryptionFailed() {
        EnvelopeForge forge = new EnvelopeForge(ru.signing(), tr.encryption().certificate());
        assertRejected(ErrorCode.DECRYPTION_FAILED, forge.build(message("RU-GPO", "KZ-GPO")));
    }

    @Test
    void noSecurityHeader_isSecurityHeaderMissing() {
        String plain = "<soap:Envelope xmlns:soap='" + EnvelopeForge.SOAP12 + "'><soap:Header/><soap:Body>"
                + message("RU-GPO", "KZ-GPO") + "</soap:Body></soap:Envelope>";
        assertRejected(ErrorCode.SECURITY_HEADER_MISSING, plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void soap11Envelope_isMalformedMessage() {
        String soap11 = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body/></s:Envelope>";
        assertRejected(ErrorCode.MALFORMED_MESSAGE, soap11.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void externalEntity_isMalformedMessage() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<soap:Envelope xmlns:soap='" + EnvelopeForge.SOAP12 + "'><soap:Body>&x;</soap:Body></soap:Envelope>";
        assertRejected(ErrorCode.MALFORMED_MESSAGE, xxe.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entityExpansionBomb_isMalformedMessage() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE e [<!ENTITY a0 'lol'>");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY a")
                    .append(i)
                    .append(" '")
                    .append(("&a" + (i - 1) + ";").repeat(10))
                    .append("'>");
        }
        String bomb = dtd + "]><soap:Envelope xmlns:soap='" + EnvelopeForge.SOAP12
                + "'><soap:Body>&a9;</soap:Body></soap:Envelope>";
        assertRejected(ErrorCode.MALFORMED_MESSAGE, bomb.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestingBeyondTheDepthLimit_isMalformedMessage() {
        String deep = "<a>".repeat(150) + "</a>".repeat(150);
        String env = "<soap:Envelope xmlns:soap='" + EnvelopeForge.SOAP12 + "'><soap:Body>" + deep
                + "</soap:Body></soap:Envelope>";
        assertRejected(ErrorCode.MALFORMED_MESSAGE, env.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deeplyNestedDecryptedContent_isMalformedMessage() {
        String deep = "<msg:Message xmlns:msg='urn:mla-gateway:message:1'>" + "<x>".repeat(120) + "</x>".repeat(120)
                + "</msg:Message>";
        assertRejected(ErrorCode.MALFORMED_MESSAGE, fromRu().build(deep));
    }
}
