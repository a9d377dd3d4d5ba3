package org.mlagateway.observability;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.PartnerTrust;
import org.mlagateway.security.pki.IssuedKey;

/**
 * Every certificate the gateway relies on, named without personal data: whose it is ({@code self}
 * or a partner id), its role, and its serial number; never its subject, which may name a person.
 * Ours: the signing, encryption and TLS keys' chains. Each partner's: signing anchors, encryption
 * certificate and TLS anchors.
 */
public final class Certificates {
    /** One certificate. {@code role} is e.g. {@code signing}, {@code signing-issuer-1}, {@code tls-anchor-2}. */
    public record Entry(String owner, String role, String serial, Instant notAfter) {
        /** The entry of one certificate: its serial number in hex and its end of validity. */
        public static Entry of(String owner, String role, X509Certificate c) {
            return new Entry(
                    owner,
                    role,
                    Certificates.serial(c.getSerialNumber()),
                    c.getNotAfter().toInstant());
        }

        /** Whole days until the certificate expires at {@code now}; negative once it has. */
        public long daysLeft(Instant now) {
            return Math.floorDiv(Duration.between(now, notAfter).getSeconds(), 86_400L);
        }
    }

    /** How soon an expiry is listed on the operator pages' certificates page, as the rollover warning. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    public static final String SELF = "self";
    private final List<Entry> entries;

    /** An inventory of these entries (the gateway builds its own with {@link #of(GatewayConfig, KeyMaterial)}). */
    public Certificates(List<Entry> entries) {
        this.entries =
                entries.stream().sorted(Comparator.comparing(Entry::notAfter)).toList();
    }

    public static Certificates of(GatewayConfig config, KeyMaterial keys) {
        List<Entry> all = new ArrayList<>();
        chain(all, SELF, "signing", keys.signing());
        chain(all, SELF, "encryption", keys.encryption());
        chain(all, SELF, "tls", keys.tls());
        // During a rollover (docs/key-rollover.md) the next keys are watched as well.
        if (keys.signingKeys().next() != null) {
            chain(all, SELF, "signing-next", keys.signingKeys().next());
        }
        for (int i = 1; i < keys.decryptionKeys().size(); i++) {
            chain(all, SELF, "encryption-next", keys.decryptionKeys().get(i));
        }
        for (PartnerConfig p : config.partners()) {
            PartnerTrust.Partner trust =
                    keys.partnerTrust().partnerFor(p.authorityIds().get(0));
            if (trust != null) {
                add(all, p.id(), "signing-anchor", trust.anchors());
            }
            X509Certificate encryption = keys.partnerEncryption().get(p.id());
            if (encryption != null) {
                all.add(entry(p.id(), "encryption", encryption));
            }
            KeyMaterial.NextCertificate next = keys.partnerNextEncryption().get(p.id());
            if (next != null) {
                all.add(entry(p.id(), "encryption-next", next.certificate()));
            }
            add(all, p.id(), "tls-anchor", keys.partnerTlsAnchors().getOrDefault(p.id(), List.of()));
        }
        return new Certificates(all);
    }

    private static void chain(List<Entry> out, String owner, String role, IssuedKey key) {
        List<X509Certificate> chain = key.chain();
        out.add(entry(owner, role, chain.get(0)));
        for (int i = 1; i < chain.size(); i++) {
            out.add(entry(owner, role + "-issuer-" + i, chain.get(i)));
        }
    }

    private static void add(List<Entry> out, String owner, String role, List<X509Certificate> certificates) {
        for (int i = 0; i < certificates.size(); i++) {
            out.add(entry(owner, role + "-" + (i + 1), certificates.get(i)));
        }
    }

    private static Entry entry(String owner, String role, X509Certificate c) {
        return Entry.of(owner, role, c);
    }

    private static String serial(BigInteger n) {
        return n.toString(16);
    }

    /** All of them, the soonest to expire first. */
    public List<Entry> all() {
        return entries;
    }

    /** Those that expire within {@code within} of {@code now} (or have expired), the soonest first. */
    public List<Entry> expiringWithin(Duration within, Instant now) {
        Instant limit = now.plus(within);
        return entries.stream().filter(e -> e.notAfter().isBefore(limit)).toList();
    }

    /** The certificate that expires first, if any. */
    public Optional<Entry> nearest() {
        return entries.stream().findFirst();
    }

    /** Whether any of our own certificates has expired at {@code now}. */
    boolean ownExpired(Instant now) {
        return entries.stream()
                .anyMatch(e -> e.owner().equals(SELF) && !e.notAfter().isAfter(now));
    }
}
