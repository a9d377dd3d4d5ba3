package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.wss4j.dom.WSConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.testing.DefaultLimits;
import org.mlagateway.testing.EnvelopeForge;
import org.mlagateway.testing.TestClock;
import org.mlagateway.testing.TestPki;
import org.w3c.dom.Element;

/** Our keys in a rollover (docs/key-rollover.md): two decryption keys during the overlap, a dated signing switch. */
class KeyRolloverTest {
    private static TestPki kz;
    private static TestPki ru;
    private static IssuedKey nextEncryption;
    private static IssuedKey nextSigning;
    private static PartnerTrust trust;

    @BeforeAll
    static void pki() {
        kz = TestPki.create("KZ-GPO", "KZ");
        ru = TestPki.create("RU-GPO", "RU");
        Instant start = Instant.now().minus(Duration.ofDays(1));
        nextEncryption = kz.intermediate()
                .issue("CN=KZ-GPO encryption 2,O=KZ-GPO (TEST),C=KZ", KeyUse.ENCRYPTION, start, Duration.ofDays(365));
        nextSigning = ru.intermediate()
                .issue("CN=RU-GPO signing 2,O=RU-GPO (TEST),C=RU", KeyUse.SIGNING, start, Duration.ofDays(365));
        trust = new PartnerTrust(List.of(new PartnerTrust.Partner(
                "RU-GPO",
                List.of("RU-GPO"),
                List.of(ru.root().certificate(), ru.intermediate().certificate()),
                List.of(ru.crl()))));
    }

    private static InboundVerifier kzVerifier(List<IssuedKey> decryptionKeys) {
        return new InboundVerifier(
                "KZ-GPO",
                decryptionKeys,
                trust,
                AlgorithmPolicy.PROFILE,
                Clock.systemUTC(),
                Duration.ofSeconds(300),
                DefaultLimits.MAX_XML_DEPTH);
    }

    private static Element message() {
        return EnvelopeForge.parse(
                        InboundVerifierTest.message("RU-GPO", "KZ-GPO").getBytes(StandardCharsets.UTF_8))
                .getDocumentElement();
    }

    private static byte[] sealedTo(IssuedKey recipient) {
        return new EnvelopeSealer(ru.signing(), AlgorithmPolicy.PROFILE, Clock.systemUTC(), DefaultLimits.MAX_XML_DEPTH)
                .seal(message(), recipient.certificate())
                .bytes();
    }

    @Test
    void duringTheOverlap_messagesToEitherOfOurEncryptionCertificatesDecrypt() {
        InboundVerifier overlap = kzVerifier(List.of(kz.encryption(), nextEncryption));
        assertEquals("RU-GPO", overlap.verify(sealedTo(kz.encryption())).partnerId());
        assertEquals("RU-GPO", overlap.verify(sealedTo(nextEncryption)).partnerId());
    }

    @Test
    void theKeyNamedBySubjectKeyIdentifier_decryptsToo() {
        EnvelopeForge forge = new EnvelopeForge(ru.signing(), nextEncryption.certificate());
        forge.encryptionKeyId = WSConstants.SKI_KEY_IDENTIFIER;
        byte[] envelope = forge.build(InboundVerifierTest.message("RU-GPO", "KZ-GPO"));
        assertEquals(
                "RU-GPO",
                kzVerifier(List.of(kz.encryption(), nextEncryption))
                        .verify(envelope)
                        .partnerId());
    }

    @Test
    void afterTheOldKeyIsRemoved_aMessageToItsCertificateIsRefusedAsDecryptionFailed() {
        byte[] toOld = sealedTo(kz.encryption());
        GatewayException e = assertThrows(GatewayException.class, () -> kzVerifier(List.of(nextEncryption))
                .verify(toOld));
        assertEquals(ErrorCode.DECRYPTION_FAILED, e.code());
        assertEquals(
                "RU-GPO",
                kzVerifier(List.of(nextEncryption))
                        .verify(sealedTo(nextEncryption))
                        .partnerId());
    }

    @Test
    void signingSwitchesToTheNextKeyAtItsInstant_byTheInjectedClock() {
        Instant switchAt = Instant.now().plus(Duration.ofHours(1));
        TestClock clock = TestClock.ticking();
        EnvelopeSealer sealer = new EnvelopeSealer(
                new SigningKeys(ru.signing(), nextSigning, switchAt),
                AlgorithmPolicy.PROFILE,
                clock,
                DefaultLimits.MAX_XML_DEPTH);
        InboundVerifier before = kzVerifier(List.of(kz.encryption()));
        VerifiedMessage old = before.verify(
                sealer.seal(message(), kz.encryption().certificate()).bytes());
        assertEquals(ru.signing().certificate(), old.signer());
        assertEquals(ru.signing().certificate(), sealer.certificate());

        clock.advance(Duration.ofMinutes(61));
        byte[] afterSwitch =
                sealer.seal(message(), kz.encryption().certificate()).bytes();
        InboundVerifier after = new InboundVerifier(
                "KZ-GPO",
                List.of(kz.encryption()),
                trust,
                AlgorithmPolicy.PROFILE,
                Clock.fixed(clock.instant(), ZoneOffset.UTC),
                Duration.ofSeconds(300),
                DefaultLimits.MAX_XML_DEPTH);
        assertEquals(nextSigning.certificate(), after.verify(afterSwitch).signer());
        assertEquals(nextSigning.certificate(), sealer.certificate());
    }

    @Test
    void signingKeys_pickByInstant() {
        Instant at = Instant.parse("2027-01-01T00:00:00Z");
        SigningKeys keys = new SigningKeys(ru.signing(), nextSigning, at);
        assertEquals(ru.signing(), keys.at(at.minusMillis(1)));
        assertEquals(nextSigning, keys.at(at));
        assertEquals(ru.signing(), SigningKeys.single(ru.signing()).at(at.plus(Duration.ofDays(9999))));
    }
}
