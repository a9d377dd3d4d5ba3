package org.mlagateway.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.callback.CallbackHandler;
import org.apache.wss4j.common.crypto.CryptoType;
import org.apache.wss4j.common.crypto.Merlin;
import org.mlagateway.security.pki.IssuedKey;

/**
 * WSS4J's view of our decryption keys for AS4: an EncryptedKey names our certificate by a
 * BinarySecurityToken, issuer and serial, or subject key identifier, and only the key of that
 * certificate is served. Partner certificates never come from here: trust is {@link PartnerTrust}'s.
 */
final class As4DecryptionCrypto extends Merlin {
    private final List<IssuedKey> keys;

    As4DecryptionCrypto(List<IssuedKey> keys) {
        this.keys = List.copyOf(keys);
    }

    @Override
    public X509Certificate[] getX509Certificates(CryptoType type) {
        if (type == null) {
            return null;
        }
        for (IssuedKey key : keys) {
            X509Certificate cert = key.certificate();
            boolean match =
                    switch (type.getType()) {
                        case ISSUER_SERIAL ->
                            type.getSerial() != null
                                    && type.getSerial().equals(cert.getSerialNumber())
                                    && type.getIssuer() != null
                                    && new javax.security.auth.x500.X500Principal(type.getIssuer())
                                            .equals(cert.getIssuerX500Principal());
                        case SKI_BYTES -> Arrays.equals(type.getBytes(), subjectKeyIdentifier(cert));
                        default -> false;
                    };
            if (match) {
                return new X509Certificate[] {cert};
            }
        }
        return null;
    }

    @Override
    public PrivateKey getPrivateKey(X509Certificate certificate, CallbackHandler callbackHandler) {
        for (IssuedKey key : keys) {
            if (key.certificate().equals(certificate)) {
                return key.privateKey();
            }
        }
        return null;
    }

    @Override
    public PrivateKey getPrivateKey(PublicKey publicKey, CallbackHandler callbackHandler) {
        for (IssuedKey key : keys) {
            if (key.certificate().getPublicKey().equals(publicKey)) {
                return key.privateKey();
            }
        }
        return null;
    }

    @Override
    public PrivateKey getPrivateKey(String identifier, String password) {
        return null;
    }

    private static byte[] subjectKeyIdentifier(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue("2.5.29.14");
        if (ext == null) {
            return null;
        }
        byte[] inner = org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets();
        return org.bouncycastle.asn1.ASN1OctetString.getInstance(inner).getOctets();
    }
}
