package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.observability.Certificates;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.testing.TestClock;

/** The certificates page lists what expires within 30 days, from the inventory health and metrics read. */
class CertificatePagesTest {
    @Test
    void certificateExpiringIn10Days_isListedWithItsDaysLeft_oneExpiringIn90DaysIsNot() {
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.createRoot(
                "CN=Rollover Test Root,O=KZ-GPO (TEST),C=KZ",
                now.minus(Duration.ofDays(1)),
                Duration.ofDays(400),
                new SecureRandom());
        IssuedKey soon = ca.issue(
                "CN=KZ-GPO signing,O=KZ-GPO (TEST),C=KZ",
                KeyUse.SIGNING,
                now.minus(Duration.ofDays(1)),
                Duration.ofDays(11));
        IssuedKey later = ca.issue(
                "CN=RU-GPO encryption,O=RU-GPO (TEST),C=RU",
                KeyUse.ENCRYPTION,
                now.minus(Duration.ofDays(1)),
                Duration.ofDays(91));
        Certificates inventory = new Certificates(List.of(
                Certificates.Entry.of(Certificates.SELF, "signing", soon.certificate()),
                Certificates.Entry.of("RU-GPO", "encryption", later.certificate())));
        String serialSoon = soon.certificate().getSerialNumber().toString(16);
        String serialLater = later.certificate().getSerialNumber().toString(16);

        String html = render(inventory, new TestClock(now));

        assertTrue(html.contains("id=\"expiring\""), html);
        assertTrue(html.contains(serialSoon), "the certificate expiring in 10 days");
        assertTrue(html.contains("<td class=\"num\">9</td>") || html.contains("<td class=\"num\">10</td>"), html);
        assertFalse(html.contains(serialLater), "not the one expiring in 90 days");
        assertFalse(html.contains("RU-GPO"));
        assertTrue(html.contains("href=\"/ops/certificates\""), "linked from the navigation");
        assertFalse(html.contains("CN="), "never a subject");
    }

    @Test
    void noCertificateExpiringSoon_saysSo() {
        Instant now = Instant.now();
        Certificates inventory = new Certificates(
                List.of(new Certificates.Entry("RU-GPO", "tls-anchor-1", "1f", now.plus(Duration.ofDays(90)))));
        String html = render(inventory, new TestClock(now));
        assertTrue(html.contains("id=\"none-expiring\""), html);
        assertFalse(html.contains("tls-anchor-1"));
    }

    private static String render(Certificates inventory, TestClock clock) {
        OperatorSession session = new OperatorSession(
                "auditor",
                OperatorSession.Access.AUDITOR,
                "csrf",
                clock.instant(),
                clock.instant().plus(Sessions.IDLE));
        Response r = new CertificatePages(inventory, new Layout(true, new Languages("en")), clock)
                .page(signedIn(session), null);
        assertEquals(200, r.getStatus());
        return (String) r.getEntity();
    }

    private static SecurityContext signedIn(OperatorSession session) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return session;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Session";
            }
        };
    }
}
