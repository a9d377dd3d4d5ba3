package org.mlagateway.security.enrolment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.mlagateway.config.AuthorityConfig;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.message.Sha256;
import org.mlagateway.security.pki.PkiFiles;

/**
 * Makes a gateway's three key pairs and a PKCS#10 certificate request for each, for the national CA.
 *
 * <p>Keys are RSA {@value #RSA_BITS} (the profile's floor is 2048, docs/protocol.md); requests are signed
 * SHA256withRSA and ask, in a PKCS#9 extensionRequest, for the role's key usage (critical), the TLS key's
 * extended key usages and subject alternative names, and basicConstraints CA:false. In {@code out}
 * (created 0700): {@code <role>.key}, the private key as encrypted PKCS#8 (0600); {@code <role>.csr}, the
 * request in PEM; and, unless it exists already, the password file (0600), a random 256-bit password
 * that {@link KeyImport} also uses for the key stores.
 */
public final class KeyRequest {
    public static final int RSA_BITS = 3072;

    /** What to ask for: the authority, the rest of the subject name, the TLS names. */
    public record Spec(String authorityId, String subject, List<String> dnsNames, List<String> ipAddresses) {
        public Spec {
            dnsNames = List.copyOf(dnsNames);
            ipAddresses = List.copyOf(ipAddresses);
        }
    }

    /** One written request: its role, files, subject and the SHA-256 of its public key (for the CA to compare). */
    public record Written(KeyRole role, Path key, Path csr, String subject, String publicKeySha256) {}

    private final SecureRandom random;

    public KeyRequest(SecureRandom random) {
        this.random = random;
    }

    /**
     * Writes the three keys and requests. Refuses (IllegalArgumentException, nothing written) a bad
     * authority id, subject or address, and a directory that already holds keys.
     */
    public List<Written> write(Path out, Spec spec, Path passwordFile) throws IOException {
        Map<KeyRole, X500Name> subjects = subjects(spec);
        GeneralNames altNames = altNames(spec);
        for (KeyRole role : KeyRole.values()) {
            if (Files.exists(out.resolve(role.id() + ".key"))) {
                throw new IllegalArgumentException(
                        out.resolve(role.id() + ".key") + " exists: keys are never overwritten; choose another --out");
            }
        }
        OwnerOnly.createDirectories(out);
        OwnerOnly.tighten(out);
        char[] password = Passwords.readOrCreate(passwordFile, random);
        List<Written> written = new ArrayList<>();
        for (KeyRole role : KeyRole.values()) {
            KeyPair pair = newKeyPair();
            PKCS10CertificationRequest csr =
                    request(subjects.get(role), pair, role, role == KeyRole.TLS ? altNames : null);
            Path key = out.resolve(role.id() + ".key");
            Path csrFile = out.resolve(role.id() + ".csr");
            PrivateKeyFiles.write(key, pair.getPrivate(), password, random);
            PkiFiles.writePem(csrFile, csr);
            written.add(new Written(
                    role,
                    key,
                    csrFile,
                    new X500Principal(subjects.get(role).getEncoded()).getName(),
                    HexFormat.of().formatHex(Sha256.of(pair.getPublic().getEncoded()))));
        }
        return written;
    }

    private static Map<KeyRole, X500Name> subjects(Spec spec) {
        try {
            String country = spec.authorityId()
                    .substring(0, Math.min(2, spec.authorityId().length()));
            new AuthorityConfig(spec.authorityId(), country, spec.authorityId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--authority: " + e.getMessage());
        }
        String base = spec.subject() != null
                ? spec.subject()
                : "O=" + spec.authorityId() + ",C=" + spec.authorityId().substring(0, 2);
        String tlsName = !spec.dnsNames().isEmpty()
                ? spec.dnsNames().get(0)
                : !spec.ipAddresses().isEmpty() ? spec.ipAddresses().get(0) : spec.authorityId() + " gateway";
        Map<KeyRole, X500Name> out = new LinkedHashMap<>();
        for (KeyRole role : KeyRole.values()) {
            String cn = role == KeyRole.TLS ? tlsName : spec.authorityId() + " " + role.purpose();
            String dn = "CN=" + escape(cn) + "," + base;
            try {
                out.put(role, X500Name.getInstance(new X500Principal(dn).getEncoded()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--subject: '" + base + "' is not a distinguished name such as"
                        + " \"O=General Prosecutor's Office,C=KZ\" (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static String escape(String value) {
        return value.replaceAll("([,+\"\\\\<>;=])", "\\\\$1");
    }

    private static GeneralNames altNames(Spec spec) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : spec.dnsNames()) {
            if (!dns.matches(
                    "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
                throw new IllegalArgumentException("--dns: '" + dns + "' is not a host name");
            }
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : spec.ipAddresses()) {
            if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]+") || !ip.matches(".*[.:].*")) {
                throw new IllegalArgumentException("--ip: '" + ip + "' is not an IP address");
            }
            try {
                // A literal is parsed, never looked up.
                names.add(new GeneralName(
                        GeneralName.iPAddress,
                        new DEROctetString(InetAddress.getByName(ip).getAddress())));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--ip: '" + ip + "' is not an IP address");
            }
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private PKCS10CertificationRequest request(X500Name subject, KeyPair pair, KeyRole role, GeneralNames names)
            throws IOException {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(role.requestedKeyUsage()));
        if (!role.requestedExtendedKeyUsages().isEmpty()) {
            extensions.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(role.requestedExtendedKeyUsages().toArray(new KeyPurposeId[0])));
        }
        if (names != null) {
            extensions.addExtension(Extension.subjectAlternativeName, false, names);
        }
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate request: " + e.getMessage(), e);
        }
    }

    private KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }
}
