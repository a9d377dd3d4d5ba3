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
        @OptionalKey NextCertificateConfig nextEncryption,
        @OptionalKey String protocol,
        @OptionalKey As4Config as4) {
    /** Our own SOAP profile (docs/protocol.md), the default. */
    public static final String MLA_SOAP = "mla-soap";
    /** eDelivery AS4 (docs/as4.md). */
    public static final String AS4 = "as4";

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
        protocol = protocol == null ? MLA_SOAP : protocol;
        if (!MLA_SOAP.equals(protocol) && !AS4.equals(protocol)) {
            throw new IllegalArgumentException("protocol must be mla-soap or as4, not " + protocol);
        }
        if (AS4.equals(protocol) && as4 == null) {
            throw new IllegalArgumentException("protocol as4 needs an 'as4' section with at least partyId");
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

    /** A partner of our own SOAP profile, with or without a rollover of its encryption certificate. */
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
            List<LegalBasisConfig> legalBases,
            NextCertificateConfig nextEncryption) {
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
                nextEncryption,
                null,
                null);
    }

    /** The same partner, spoken to in eDelivery AS4 as {@code settings} say (docs/as4.md#configuration). */
    public PartnerConfig speakingAs4(As4Config settings) {
        return new PartnerConfig(
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
                nextEncryption,
                AS4,
                settings);
    }

    /** Whether we speak eDelivery AS4 with this partner rather than our own SOAP profile. */
    public boolean speaksAs4() {
        return AS4.equals(protocol);
    }

    /** Where we deliver to this partner: its AS4 endpoint when it speaks AS4 and has one. */
    public URI deliveryEndpoint() {
        return speaksAs4() && as4.endpoint() != null ? as4.endpoint() : endpoint;
    }
}
