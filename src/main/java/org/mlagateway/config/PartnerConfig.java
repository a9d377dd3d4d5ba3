package org.mlagateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A partner state's central authority: who it is, which anchors its signatures must chain to, the
 * certificate we encrypt to, where we deliver, and which legal bases we share with it. In a partner's
 * key rollover (docs/key-rollover.md) its signing anchors list old and new, and {@code nextEncryption}
 * names the encryption certificate we switch to at the date the partner announced.
 */
public record PartnerConfig(
        String id,
        @OptionalKey List<String> authorityIds,
        String country,
        URI endpoint,
        List<Path> signingAnchors,
        @OptionalKey List<Path> crls,
        Path encryptionCertificate,
        @OptionalKey List<Path> tlsAnchors,
        @OptionalKey Boolean mutualTls,
        @OptionalKey List<String> acceptedLanguages,
        @OptionalKey List<LegalBasisConfig> legalBases,
        @OptionalKey NextCertificateConfig nextEncryption) {

    public PartnerConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
        AuthorityConfig.requireMatch(AuthorityConfig.AUTHORITY_ID, id, "an authority id such as RU-GPO");
        AuthorityConfig.requireMatch(AuthorityConfig.COUNTRY, country, "an ISO 3166-1 alpha-2 country code");
        authorityIds = authorityIds == null || authorityIds.isEmpty() ? List.of(id) : List.copyOf(authorityIds);
        for (String authorityId : authorityIds) {
            AuthorityConfig.requireMatch(AuthorityConfig.AUTHORITY_ID, authorityId, "an authority id");
        }
        signingAnchors = List.copyOf(signingAnchors);
        crls = crls == null ? List.of() : List.copyOf(crls);
        tlsAnchors = tlsAnchors == null ? List.of() : List.copyOf(tlsAnchors);
        mutualTls = mutualTls != null && mutualTls;
        acceptedLanguages = acceptedLanguages == null ? List.of() : List.copyOf(acceptedLanguages);
        legalBases = legalBases == null ? List.of() : List.copyOf(legalBases);
        if (!"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint must be an https:// URL (docs/protocol.md: HTTPS only)");
        }
        if (mutualTls && tlsAnchors.isEmpty()) {
            throw new IllegalArgumentException("mutualTls needs tlsAnchors for the partner's client certificates");
        }
    }

    /** A partner without a rollover of its encryption certificate under way. */
    public PartnerConfig(
            String id,
            List<String> authorityIds,
            String country,
            URI endpoint,
            List<Path> signingAnchors,
            List<Path> crls,
            Path encryptionCertificate,
            List<Path> tlsAnchors,
            Boolean mutualTls,
            List<String> acceptedLanguages,
            List<LegalBasisConfig> legalBases) {
        this(
                id,
                authorityIds,
                country,
                endpoint,
                signingAnchors,
                crls,
                encryptionCertificate,
                tlsAnchors,
                mutualTls,
                acceptedLanguages,
                legalBases,
                null);
    }
}
