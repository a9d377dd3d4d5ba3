package org.mlagateway.security;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Who may sign as whom. Each partner has its own signing anchors and CRLs; a signing certificate is
 * trusted for a partner only if it chains (RFC 5280 §6 PKIX) to one of that partner's anchors, is
 * valid at the time of receipt, is not revoked, and carries digitalSignature or nonRepudiation.
 * A certificate valid for partner A cannot speak for partner B: that is {@code SenderMismatch}.
 * Successful validations are remembered while they provably hold (see {@link #validated}).
 */
public final class PartnerTrust {
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_NON_REPUDIATION = 1;

    /** One partner's trust material. */
    public record Partner(String id, List<String> authorityIds, List<X509Certificate> anchors, List<X509CRL> crls) {
        public Partner {
            authorityIds = List.copyOf(authorityIds);
            anchors = List.copyOf(anchors);
            crls = List.copyOf(crls);
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("partner " + id + " needs at least one signing anchor");
            }
        }
    }

    /** Bounds the cache; only certificates that chained to a partner's anchors are ever in it. */
    static final int MAX_CACHED = 1000;

    private final Map<String, Partner> partners = new LinkedHashMap<>();
    /**
     * Successful path validations, per certificate and partner, with the interval in which the
     * result holds: every certificate of the path is valid and every CRL of the partner is current
     * (from its thisUpdate to its nextUpdate). The partner's anchors and CRLs are fixed for this
     * object's life, so inside that interval a new validation would give the same answer; outside
     * it the path is validated again. Failures are never cached.
     */
    private final Map<CachedKey, Interval> validated = new ConcurrentHashMap<>();

    private record CachedKey(X509Certificate cert, String partnerId) {}

    private record Interval(Instant from, Instant until) {
        boolean contains(Instant at) {
            return !at.isBefore(from) && !at.isAfter(until);
        }
    }

    public PartnerTrust(List<Partner> partners) {
        for (Partner p : partners) {
            this.partners.put(p.id(), p);
        }
    }

    /**
     * The ids of the partners whose anchors this certificate validly chains to at {@code at}.
     *
     * @throws GatewayException CertificateExpired, CertificateRevoked or CertificateUntrusted when
     *                          no partner trusts it
     */
    public Set<String> trustedFor(X509Certificate cert, Instant at) {
        checkKeyUsage(cert);
        Set<String> trusted = new HashSet<>();
        ErrorCode worst = ErrorCode.CERTIFICATE_UNTRUSTED;
        for (Partner p : partners.values()) {
            ErrorCode failure = validateCached(cert, p, at);
            if (failure == null) {
                trusted.add(p.id());
            } else if (failure != ErrorCode.CERTIFICATE_UNTRUSTED) {
                worst = failure;
            }
        }
        if (trusted.isEmpty()) {
            throw new GatewayException(worst, "signing certificate " + subject(cert) + ": " + describe(worst));
        }
        return trusted;
    }

    /** The partner configured with this partner id, or null. */
    public Partner partner(String partnerId) {
        return partners.get(partnerId);
    }

    /** The partner configured for an authority id, or null. */
    public Partner partnerFor(String authorityId) {
        for (Partner p : partners.values()) {
            if (p.authorityIds().contains(authorityId)) {
                return p;
            }
        }
        return null;
    }

    /** Binds the certificate to the sender named in the message header. */
    public void checkSender(Set<String> trustedPartners, String senderAuthorityId, X509Certificate cert) {
        Partner sender = partnerFor(senderAuthorityId);
        if (sender == null || !trustedPartners.contains(sender.id())) {
            throw new GatewayException(
                    ErrorCode.SENDER_MISMATCH,
                    "certificate " + subject(cert) + " is not trusted for sender " + senderAuthorityId);
        }
    }

    private ErrorCode validateCached(X509Certificate cert, Partner partner, Instant at) {
        CachedKey key = new CachedKey(cert, partner.id());
        Interval known = validated.get(key);
        if (known != null && known.contains(at)) {
            return null;
        }
        List<X509Certificate> path = new ArrayList<>();
        ErrorCode failure = validate(cert, partner, at, path);
        if (failure == null) {
            if (validated.size() >= MAX_CACHED) {
                validated.clear();
            }
            validated.put(key, interval(path, partner.crls()));
        }
        return failure;
    }

    /** Where the path's certificates are all valid and the partner's CRLs all current. */
    private static Interval interval(List<X509Certificate> path, List<X509CRL> crls) {
        Instant from = Instant.MIN;
        Instant until = Instant.MAX;
        for (X509Certificate c : path) {
            from = latest(from, c.getNotBefore().toInstant());
            until = earliest(until, c.getNotAfter().toInstant());
        }
        for (X509CRL crl : crls) {
            from = latest(from, crl.getThisUpdate().toInstant());
            // A CRL without nextUpdate never goes stale for the JDK's checker either.
            if (crl.getNextUpdate() != null) {
                until = earliest(until, crl.getNextUpdate().toInstant());
            }
        }
        return new Interval(from, until);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Builds and validates a path (RFC 5280 §6) from the certificate to the partner's anchors. The
     * partner's configured CA certificates that are self-signed are the trust anchors; the others are
     * intermediates available to the path builder, since a BinarySecurityToken carries only the leaf.
     */
    private static ErrorCode validate(
            X509Certificate cert, Partner partner, Instant at, List<X509Certificate> pathOut) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            List<Object> storeContent = new ArrayList<>(partner.crls());
            for (X509Certificate ca : partner.anchors()) {
                if (ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
                    anchors.add(new TrustAnchor(ca, null));
                } else {
                    storeContent.add(ca);
                }
            }
            if (anchors.isEmpty()) {
                partner.anchors().forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
            }
            storeContent.add(cert);
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(storeContent)));
            CertPathBuilder builder = CertPathBuilder.getInstance("PKIX");
            params.setRevocationEnabled(!partner.crls().isEmpty());
            if (!partner.crls().isEmpty()) {
                params.addCertPathChecker(crlChecker(builder));
            }
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) builder.build(params);
            for (var c : result.getCertPath().getCertificates()) {
                pathOut.add((X509Certificate) c);
            }
            pathOut.add(result.getTrustAnchor().getTrustedCert());
            return null;
        } catch (CertPathBuilderException e) {
            return e.getCause() instanceof CertPathValidatorException cause ? classify(cause) : expiredOr(cert, at);
        } catch (GeneralSecurityException e) {
            return ErrorCode.CERTIFICATE_UNTRUSTED;
        }
    }

    /**
     * Revocation by the configured CRLs only, never fetched from the network, and hard-failing: a
     * stale or missing CRL for the signer's issuer leaves the certificate untrusted. Only the signer
     * is checked, since partners publish CRLs for their issuing CAs, not for their roots.
     */
    private static PKIXRevocationChecker crlChecker(CertPathBuilder builder) {
        PKIXRevocationChecker checker = (PKIXRevocationChecker) builder.getRevocationChecker();
        checker.setOptions(EnumSet.of(
                PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK,
                PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        return checker;
    }

    /** A builder that finds no path may have rejected an expired leaf on the way: say so. */
    private static ErrorCode expiredOr(X509Certificate cert, Instant at) {
        try {
            cert.checkValidity(Date.from(at));
            return ErrorCode.CERTIFICATE_UNTRUSTED;
        } catch (java.security.cert.CertificateException e) {
            return ErrorCode.CERTIFICATE_EXPIRED;
        }
    }

    private static ErrorCode classify(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return ErrorCode.CERTIFICATE_REVOKED;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return ErrorCode.CERTIFICATE_EXPIRED;
        }
        // No trust anchor, or an undetermined revocation status (a stale CRL): not trusted.
        return ErrorCode.CERTIFICATE_UNTRUSTED;
    }

    private static void checkKeyUsage(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        if (usage == null || !(usage[KU_DIGITAL_SIGNATURE] || usage[KU_NON_REPUDIATION])) {
            throw new GatewayException(
                    ErrorCode.CERTIFICATE_UNTRUSTED,
                    "signing certificate " + subject(cert)
                            + " lacks the digitalSignature and nonRepudiation key usages");
        }
    }

    private static String describe(ErrorCode code) {
        return switch (code) {
            case CERTIFICATE_EXPIRED -> "not valid at the time of receipt";
            case CERTIFICATE_REVOKED -> "revoked by its issuer's CRL";
            default -> "does not chain to any partner's signing anchor";
        };
    }

    static String subject(X509Certificate cert) {
        return "'" + cert.getSubjectX500Principal().getName() + "'";
    }
}
