package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.testing.TestPki;

/** A remembered path validation holds only while its certificates are valid and the CRL is current. */
class PartnerTrustCacheTest {
    private static TestPki ru;
    private static PartnerTrust.Partner partner;

    @BeforeAll
    static void pki() {
        ru = TestPki.create("RU-GPO", "RU");
        partner = new PartnerTrust.Partner(
                ru.authorityId(),
                List.of(ru.authorityId()),
                List.of(ru.root().certificate(), ru.intermediate().certificate()),
                List.of(ru.crl()));
    }

    private static ErrorCode refusal(PartnerTrust trust, X509Certificate cert, Instant at) {
        return assertThrows(GatewayException.class, () -> trust.trustedFor(cert, at))
                .code();
    }

    @Test
    void afterTheCrlsNextUpdate_aRememberedCertificateIsNoLongerTrusted() {
        PartnerTrust trust = new PartnerTrust(List.of(partner));
        X509Certificate signer = ru.signing().certificate();
        Instant now = Instant.now();
        assertEquals(Set.of("RU-GPO"), trust.trustedFor(signer, now));
        assertEquals(Set.of("RU-GPO"), trust.trustedFor(signer, now.plus(Duration.ofDays(1))));

        Instant stale = ru.crl().getNextUpdate().toInstant().plus(Duration.ofDays(1));

        assertEquals(ErrorCode.CERTIFICATE_UNTRUSTED, refusal(trust, signer, stale));
    }

    @Test
    void afterTheCertificateExpires_aRememberedCertificateIsExpired() {
        PartnerTrust noCrl = new PartnerTrust(List.of(
                new PartnerTrust.Partner(ru.authorityId(), List.of(ru.authorityId()), partner.anchors(), List.of())));
        X509Certificate signer = ru.signing().certificate();
        noCrl.trustedFor(signer, Instant.now());

        Instant expired = signer.getNotAfter().toInstant().plus(Duration.ofDays(1));

        assertEquals(ErrorCode.CERTIFICATE_EXPIRED, refusal(noCrl, signer, expired));
    }

    @Test
    void aRevokedCertificate_isRefusedEveryTime_evenWithAnotherRemembered() {
        PartnerTrust trust = new PartnerTrust(List.of(partner));
        trust.trustedFor(ru.signing().certificate(), Instant.now());

        assertEquals(
                ErrorCode.CERTIFICATE_REVOKED,
                refusal(trust, ru.revokedSigning().certificate(), Instant.now()));
        assertEquals(
                ErrorCode.CERTIFICATE_REVOKED,
                refusal(trust, ru.revokedSigning().certificate(), Instant.now()));
    }
}
