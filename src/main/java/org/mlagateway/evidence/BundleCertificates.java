package org.mlagateway.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.mlagateway.message.Sha256;

/** Certificates as the bundle writes them (PEM), and the few facts about them the guide needs. */
final class BundleCertificates {
    private static final Base64.Encoder PEM = Base64.getMimeEncoder(64, new byte[] {'\n'});

    /** A time-stamp token's signer certificate, the certificates it carries, and its time. */
    record Token(X509Certificate signer, List<X509Certificate> carried, long genTimeSeconds) {}

    private BundleCertificates() {}

    static byte[] pem(List<X509Certificate> certificates) {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                b.append("-----BEGIN CERTIFICATE-----\n")
                        .append(PEM.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a certificate cannot be encoded", e);
            }
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether a CA file holds a root; without one, {@code openssl verify} needs {@code -partial_chain}. */
    static boolean hasRoot(List<X509Certificate> cas) {
        return cas.stream().anyMatch(BundleCertificates::selfSigned);
    }

    static String fingerprint(X509Certificate c) {
        try {
            return Sha256.hex(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be encoded", e);
        }
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    /** Reads an RFC 3161 token (a CMS SignedData); null when it cannot be read. */
    static Token token(byte[] der) {
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(der));
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> carried = new ArrayList<>();
            X509Certificate signer = null;
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> all = token.getCertificates().getMatches(null);
            for (X509CertificateHolder h : all) {
                X509Certificate c = converter.getCertificate(h);
                carried.add(c);
                if (token.getSID().match(h)) {
                    signer = c;
                }
            }
            return new Token(
                    signer, carried, token.getTimeStampInfo().getGenTime().getTime() / 1000);
        } catch (Exception e) {
            // Any unreadable token (CMS, TSP, certificate errors) is reported by the checks, not here.
            return null;
        }
    }

    /**
     * The issuers of {@code leaf} found in {@code pool}, nearest first, up to a root or as far as
     * the pool reaches: each one's key verifies the certificate below it.
     */
    static List<X509Certificate> issuers(X509Certificate leaf, Collection<X509Certificate> pool) {
        List<X509Certificate> chain = new ArrayList<>();
        Set<X509Certificate> seen = new LinkedHashSet<>();
        X509Certificate current = leaf;
        while (!selfSigned(current)) {
            X509Certificate next = null;
            for (X509Certificate candidate : pool) {
                if (!seen.contains(candidate)
                        && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && verifies(current, candidate)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            seen.add(next);
            chain.add(next);
            current = next;
        }
        return chain;
    }

    private static boolean verifies(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
