package org.mlagateway.security.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What an issued certificate is for. Each use maps to the key usage bits (RFC 5280 §4.2.1.3) and
 * extended key usages (§4.2.1.12) that the exchange profile checks.
 */
public enum KeyUse {
    /** A certification authority: signs certificates and CRLs. */
    CA(KeyUsage.keyCertSign | KeyUsage.cRLSign, null),
    /** WS-Security message signing (docs/protocol.md: digitalSignature or nonRepudiation). */
    SIGNING(KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null),
    /** The key that partners encrypt message keys to (RSA-OAEP key transport). */
    ENCRYPTION(KeyUsage.keyEncipherment, null),
    /** A TLS endpoint, server and client (mutual TLS). */
    TLS(
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
    /** An RFC 3161 time-stamping authority (RFC 3161 §2.3: the EKU must be critical and sole). */
    TIMESTAMPING(
            KeyUsage.digitalSignature | KeyUsage.nonRepudiation, new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping}),
    /** Deliberately wrong for signing: only key agreement. Used to test key-usage enforcement. */
    KEY_AGREEMENT_ONLY(KeyUsage.keyAgreement, null);

    private final int keyUsageBits;
    private final KeyPurposeId[] extendedKeyUsages;

    KeyUse(int keyUsageBits, KeyPurposeId[] extendedKeyUsages) {
        this.keyUsageBits = keyUsageBits;
        this.extendedKeyUsages = extendedKeyUsages;
    }

    int keyUsageBits() {
        return keyUsageBits;
    }

    KeyPurposeId[] extendedKeyUsages() {
        return extendedKeyUsages == null ? null : extendedKeyUsages.clone();
    }
}
