package org.mlagateway.security.enrolment;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The three keys of a gateway (docs/protocol.md) and the key usage each certificate must carry: the
 * signing certificate digitalSignature or nonRepudiation, the encryption certificate keyEncipherment
 * (RSA-OAEP key transport), the TLS certificate digitalSignature and, if it has extended key usages,
 * serverAuth and clientAuth (it serves partners and authenticates to them in mutual TLS).
 */
public enum KeyRole {
    SIGNING("signing", "message signing", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of()),
    ENCRYPTION("encryption", "message encryption", KeyUsage.keyEncipherment, List.of()),
    TLS(
            "tls",
            "TLS",
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
            List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;

    private final String id;
    private final String purpose;
    private final int requestedKeyUsage;
    private final List<KeyPurposeId> requestedExtendedKeyUsages;

    KeyRole(String id, String purpose, int requestedKeyUsage, List<KeyPurposeId> requestedExtendedKeyUsages) {
        this.id = id;
        this.purpose = purpose;
        this.requestedKeyUsage = requestedKeyUsage;
        this.requestedExtendedKeyUsages = requestedExtendedKeyUsages;
    }

    /** The role's name on the command line, in file names and as the key store alias. */
    public String id() {
        return id;
    }

    /** What the key is for, in a certificate's common name. */
    String purpose() {
        return purpose;
    }

    int requestedKeyUsage() {
        return requestedKeyUsage;
    }

    List<KeyPurposeId> requestedExtendedKeyUsages() {
        return requestedExtendedKeyUsages;
    }

    /** The role named {@code id} ({@code signing}, {@code encryption}, {@code tls}). */
    public static KeyRole of(String id) {
        for (KeyRole role : values()) {
            if (role.id.equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown key '" + id + "' (expected signing, encryption or tls)");
    }

    /** Why {@code cert} may not serve this role, or null when its usage fits. */
    String usageProblem(X509Certificate cert) {
        if (cert.getBasicConstraints() >= 0) {
            return "is a CA certificate, not the " + id + " certificate";
        }
        boolean[] usage = cert.getKeyUsage();
        boolean fits =
                switch (this) {
                    case SIGNING -> usage != null && (usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION]);
                    case ENCRYPTION -> usage != null && usage[KEY_ENCIPHERMENT];
                    case TLS -> usage != null && usage[DIGITAL_SIGNATURE];
                };
        if (!fits) {
            return "lacks the key usage " + needed();
        }
        if (this == TLS) {
            List<String> extended;
            try {
                extended = cert.getExtendedKeyUsage();
            } catch (CertificateParsingException e) {
                return "has an unreadable extended key usage";
            }
            if (extended != null
                    && !(extended.contains(KeyPurposeId.id_kp_serverAuth.getId())
                            && extended.contains(KeyPurposeId.id_kp_clientAuth.getId()))) {
                return "lacks the extended key usages serverAuth and clientAuth";
            }
        }
        return null;
    }

    private String needed() {
        return switch (this) {
            case SIGNING -> "digitalSignature or nonRepudiation";
            case ENCRYPTION -> "keyEncipherment";
            case TLS -> "digitalSignature";
        };
    }
}
