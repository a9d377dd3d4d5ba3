package org.mlagateway.security.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certification authority built with BouncyCastle: it issues RSA certificates and CRLs for the
 * sample deployment and for the tests, which generate their own PKI in code.
 *
 * <p>All keys are RSA with at least 2048 bits and all signatures SHA256withRSA, the floor of the
 * exchange profile. Certificates carry subject and authority key identifiers (RFC 5280 §4.2.1.1-2)
 * so that partners may reference our encryption certificate by SKI.
 */
public final class CertificateAuthority {
    public static final int RSA_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final IssuedKey key;
    private final SecureRandom random;

    private CertificateAuthority(IssuedKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** Creates a self-signed root CA valid from {@code notBefore} for {@code validity}. */
    public static CertificateAuthority createRoot(
            String subjectDn, Instant notBefore, Duration validity, SecureRandom random) {
        KeyPair pair = newRsaKeyPair(random);
        X500Name subject = name(subjectDn);
        X509Certificate cert = build(
                subject,
                subject,
                pair.getPublic(),
                pair.getPublic(),
                pair.getPrivate(),
                KeyUse.CA,
                notBefore,
                notBefore.plus(validity),
                List.of(),
                random,
                null);
        return new CertificateAuthority(new IssuedKey(pair.getPrivate(), List.of(cert)), random);
    }

    /** Loads an existing CA from its key and chain, to issue more certificates. */
    public static CertificateAuthority of(IssuedKey key, SecureRandom random) {
        return new CertificateAuthority(key, random);
    }

    /** Issues an intermediate CA under this one. */
    public CertificateAuthority issueIntermediate(String subjectDn, Instant notBefore, Duration validity) {
        IssuedKey issued = issue(subjectDn, KeyUse.CA, notBefore, validity, List.of());
        return new CertificateAuthority(issued, random);
    }

    /** Issues a fresh RSA key and a certificate for one use. */
    public IssuedKey issue(String subjectDn, KeyUse use, Instant notBefore, Duration validity) {
        return issue(subjectDn, use, notBefore, validity, List.of());
    }

    /** As {@link #issue(String, KeyUse, Instant, Duration)}, with DNS names or IP addresses as SANs. */
    public IssuedKey issue(
            String subjectDn, KeyUse use, Instant notBefore, Duration validity, List<String> subjectAltNames) {
        KeyPair pair = newRsaKeyPair(random);
        X509Certificate cert = build(
                name(subjectDn),
                issuerName(),
                pair.getPublic(),
                certificate().getPublicKey(),
                key.privateKey(),
                use,
                notBefore,
                notBefore.plus(validity),
                subjectAltNames,
                random,
                certificate());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(key.chain());
        return new IssuedKey(pair.getPrivate(), chain);
    }

    /**
     * Certifies a public key made elsewhere (the key of a certificate request) for one use: what a
     * national CA does with the requests of {@code keys request}, for the tests of {@code keys import}.
     */
    public X509Certificate certify(
            String subjectDn,
            PublicKey subjectKey,
            KeyUse use,
            Instant notBefore,
            Duration validity,
            List<String> subjectAltNames) {
        return build(
                name(subjectDn),
                issuerName(),
                subjectKey,
                certificate().getPublicKey(),
                key.privateKey(),
                use,
                notBefore,
                notBefore.plus(validity),
                subjectAltNames,
                random,
                certificate());
    }

    /** Issues a CRL revoking the given serial numbers (RFC 5280 §5), reason keyCompromise. */
    public X509CRL crl(Collection<BigInteger> revokedSerials, Instant thisUpdate, Instant nextUpdate) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger serial : revokedSerials) {
            builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate()));
            builder.addExtension(
                    Extension.cRLNumber,
                    false,
                    new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(key.privateKey())));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot issue CRL", e);
        }
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    public IssuedKey key() {
        return key;
    }

    public static KeyPair newRsaKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** Parses an RFC 4514 name, most specific first ("CN=..,O=..,C=.."), encoding it country first. */
    private static X500Name name(String dn) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(dn).getEncoded());
    }

    private X500Name issuerName() {
        return X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(
            X500Name subject,
            X500Name issuer,
            PublicKey subjectKey,
            PublicKey issuerKey,
            java.security.PrivateKey signingKey,
            KeyUse use,
            Instant notBefore,
            Instant notAfter,
            List<String> subjectAltNames,
            SecureRandom random,
            X509Certificate issuerCert) {
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            boolean ca = use == KeyUse.CA;
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(use.keyUsageBits()));
            if (use.extendedKeyUsages() != null) {
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        use == KeyUse.TIMESTAMPING,
                        new ExtendedKeyUsage(use.extendedKeyUsages()));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    issuerCert == null
                            ? utils.createAuthorityKeyIdentifier(issuerKey)
                            : utils.createAuthorityKeyIdentifier(issuerCert));
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames(subjectAltNames));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot issue certificate for " + subject, e);
        }
    }

    private static GeneralNames altNames(List<String> names) {
        GeneralName[] out = new GeneralName[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean ip = name.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':');
            out[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
        }
        return new GeneralNames(out);
    }

    private static ContentSigner signer(java.security.PrivateKey privateKey) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot create " + SIGNATURE_ALGORITHM + " signer", e);
        }
    }
}
