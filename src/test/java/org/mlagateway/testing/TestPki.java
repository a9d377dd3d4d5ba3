package org.mlagateway.testing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;

/**
 * The one test helper that makes key material: a PKI generated in code for each test class, so no
 * test depends on {@code keys-sample/} or on a keystore that could expire.
 *
 * <p>One authority gets a root CA, an intermediate CA, and from the intermediate: a signing key, an
 * encryption key, a TLS key, an expired signing key, a revoked signing key (listed in {@link #crl()}),
 * and a signing key with the wrong key usage.
 */
public final class TestPki {
    private static final Duration YEAR = Duration.ofDays(365);

    private final String authorityId;
    private final CertificateAuthority root;
    private final CertificateAuthority intermediate;
    private final IssuedKey signing;
    private final IssuedKey encryption;
    private final IssuedKey tls;
    private final IssuedKey expiredSigning;
    private final IssuedKey revokedSigning;
    private final IssuedKey wrongUsageSigning;
    private final X509CRL crl;

    private TestPki(String authorityId, String country, Instant now, SecureRandom random) {
        this.authorityId = authorityId;
        String org = ",O=" + authorityId + " (TEST),C=" + country;
        Instant start = now.minus(Duration.ofDays(1));
        root = CertificateAuthority.createRoot(
                "CN=" + authorityId + " Test Root" + org, start, YEAR.multipliedBy(5), random);
        intermediate =
                root.issueIntermediate("CN=" + authorityId + " Test Issuing CA" + org, start, YEAR.multipliedBy(3));
        signing = intermediate.issue("CN=" + authorityId + " signing" + org, KeyUse.SIGNING, start, YEAR);
        encryption = intermediate.issue("CN=" + authorityId + " encryption" + org, KeyUse.ENCRYPTION, start, YEAR);
        tls = intermediate.issue("CN=localhost" + org, KeyUse.TLS, start, YEAR, List.of("localhost", "127.0.0.1"));
        expiredSigning = intermediate.issue(
                "CN=" + authorityId + " signing expired" + org,
                KeyUse.SIGNING,
                now.minus(Duration.ofDays(30)),
                Duration.ofDays(10));
        revokedSigning =
                intermediate.issue("CN=" + authorityId + " signing revoked" + org, KeyUse.SIGNING, start, YEAR);
        wrongUsageSigning = intermediate.issue(
                "CN=" + authorityId + " key agreement" + org, KeyUse.KEY_AGREEMENT_ONLY, start, YEAR);
        List<BigInteger> revoked = List.of(revokedSigning.certificate().getSerialNumber());
        crl = intermediate.crl(revoked, start, now.plus(Duration.ofDays(7)));
    }

    /** A fresh PKI for one authority, e.g. {@code TestPki.create("RU-GPO", "RU")}. */
    public static TestPki create(String authorityId, String country) {
        return new TestPki(authorityId, country, Instant.now(), new SecureRandom());
    }

    public String authorityId() {
        return authorityId;
    }

    public CertificateAuthority root() {
        return root;
    }

    public CertificateAuthority intermediate() {
        return intermediate;
    }

    public IssuedKey signing() {
        return signing;
    }

    public IssuedKey encryption() {
        return encryption;
    }

    public IssuedKey tls() {
        return tls;
    }

    public IssuedKey expiredSigning() {
        return expiredSigning;
    }

    public IssuedKey revokedSigning() {
        return revokedSigning;
    }

    public IssuedKey wrongUsageSigning() {
        return wrongUsageSigning;
    }

    /** The intermediate's CRL, revoking {@link #revokedSigning()}. */
    public X509CRL crl() {
        return crl;
    }
}
