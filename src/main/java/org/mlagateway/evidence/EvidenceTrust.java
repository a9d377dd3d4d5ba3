package org.mlagateway.evidence;

import java.security.cert.X509Certificate;
import java.util.List;
import org.mlagateway.security.PartnerTrust;

/**
 * Whom evidence is judged against: the partners' configured signing anchors for what partners
 * signed, and this gateway's own CA chain for what it signed itself (outgoing envelopes, the receipts
 * it issued, checkpoints). The gateway's own chain is wrapped as one more {@link PartnerTrust}, so
 * both are checked by the same RFC 5280 path validation as inbound messages are.
 */
record EvidenceTrust(
        String authorityId,
        List<X509Certificate> signingChain,
        PartnerTrust partners,
        PartnerTrust self,
        List<X509Certificate> tsaCertificates) {

    static EvidenceTrust of(
            String authorityId,
            List<X509Certificate> signingChain,
            PartnerTrust partners,
            List<X509Certificate> tsaCertificates) {
        List<X509Certificate> chain = List.copyOf(signingChain);
        List<X509Certificate> anchors = chain.size() > 1 ? chain.subList(1, chain.size()) : chain;
        PartnerTrust self = new PartnerTrust(
                List.of(new PartnerTrust.Partner(authorityId, List.of(authorityId), anchors, List.of())));
        return new EvidenceTrust(authorityId, chain, partners, self, List.copyOf(tsaCertificates));
    }

    /** Our CA certificates: the signing chain without its leaf. */
    List<X509Certificate> ownAnchors() {
        return signingChain.size() > 1 ? signingChain.subList(1, signingChain.size()) : signingChain;
    }

    /** The configured signing anchors of the partner an authority id belongs to, or none. */
    List<X509Certificate> partnerAnchors(String authorityOrPartnerId) {
        PartnerTrust.Partner p = partners.partner(authorityOrPartnerId);
        p = p != null ? p : partners.partnerFor(authorityOrPartnerId);
        return p == null ? List.of() : p.anchors();
    }
}
