package org.mlagateway.security.enrolment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;

/**
 * Takes the certificates the CA issued for the requests of {@link KeyRequest} and, only if all three
 * pass, writes {@code <role>.p12} beside the keys (alias = role, the same password). Each certificate
 * must hold the public key of its {@code <role>.key}, carry its role's key usage ({@link KeyRole}), be
 * valid now, and chain (PKIX path validation, revocation not checked) to a self-signed root among the
 * CA certificates given. Nothing is written when any of them fails; every failure is one line.
 */
public final class KeyImport {
    private final Clock clock;

    public KeyImport(Clock clock) {
        this.clock = clock;
    }

    /** What was written: the key store of each role and the password file they share. */
    public record Imported(Map<KeyRole, Path> keyStores, Path passwordFile, Map<KeyRole, X509Certificate> leaves) {}

    /** The import failed; {@link #problems()} are one line each and never hold a secret. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        Refused(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * Checks {@code certificates} (a PEM or DER file per role: the leaf first, perhaps followed by its CA
     * certificates) and {@code chainFile} (optional: CA certificates up to the root), then writes the stores.
     */
    public Imported importInto(Path dir, Map<KeyRole, Path> certificates, Path chainFile, Path passwordFile)
            throws Refused, IOException {
        List<String> problems = new ArrayList<>();
        for (KeyRole role : KeyRole.values()) {
            if (!certificates.containsKey(role)) {
                problems.add("no --cert " + role.id() + "=FILE");
            }
        }
        char[] password = null;
        if (!Files.isRegularFile(passwordFile)) {
            problems.add("password file " + passwordFile + " not found (keys request writes it beside the keys)");
        } else {
            password = Passwords.read(passwordFile);
        }
        List<X509Certificate> given = new ArrayList<>();
        if (chainFile != null) {
            given.addAll(readCertificates("--chain", chainFile, problems));
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        Map<KeyRole, IssuedKey> keys = new EnumMap<>(KeyRole.class);
        Map<KeyRole, X509Certificate> leaves = new EnumMap<>(KeyRole.class);
        for (KeyRole role : KeyRole.values()) {
            List<X509Certificate> certs = readCertificates(role.id(), certificates.get(role), problems);
            if (certs.isEmpty()) {
                continue;
            }
            List<X509Certificate> cas = new ArrayList<>(certs.subList(1, certs.size()));
            cas.addAll(given);
            IssuedKey checked = check(role, dir, certs.get(0), cas, password, problems);
            if (checked != null) {
                keys.put(role, checked);
                leaves.put(role, certs.get(0));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        Map<KeyRole, Path> stores = new EnumMap<>(KeyRole.class);
        for (KeyRole role : KeyRole.values()) {
            Path store = dir.resolve(role.id() + ".p12");
            PkiFiles.writePkcs12(store, role.id(), keys.get(role), password);
            stores.put(role, store);
        }
        return new Imported(stores, passwordFile, leaves);
    }

    private IssuedKey check(
            KeyRole role,
            Path dir,
            X509Certificate leaf,
            List<X509Certificate> cas,
            char[] password,
            List<String> problems) {
        String what =
                role.id() + " certificate '" + leaf.getSubjectX500Principal().getName() + "'";
        Path keyFile = dir.resolve(role.id() + ".key");
        PrivateKey key;
        try {
            key = PrivateKeyFiles.read(keyFile, password);
        } catch (java.nio.file.NoSuchFileException e) {
            problems.add(role.id() + ": " + keyFile + " not found (run keys request with --out " + dir + ")");
            return null;
        } catch (IOException | GeneralSecurityException e) {
            problems.add(role.id() + ": " + e.getMessage());
            return null;
        }
        if (!matches(leaf.getPublicKey(), key)) {
            problems.add(what + " does not match " + keyFile.getFileName()
                    + ": it certifies another public key (a certificate of another request?)");
            return null;
        }
        String usage = role.usageProblem(leaf);
        if (usage != null) {
            problems.add(what + " " + usage);
            return null;
        }
        List<X509Certificate> path = validPath(leaf, cas, what, problems);
        return path == null ? null : new IssuedKey(key, path);
    }

    /** RSA only, as the profile: the certificate's modulus and exponent are the private key's. */
    private static boolean matches(PublicKey certified, PrivateKey key) {
        return certified instanceof RSAPublicKey pub
                && key instanceof RSAPrivateCrtKey priv
                && pub.getModulus().equals(priv.getModulus())
                && pub.getPublicExponent().equals(priv.getPublicExponent());
    }

    /** The chain leaf first, ending with the root, or null after adding the problem. */
    private List<X509Certificate> validPath(
            X509Certificate leaf, List<X509Certificate> cas, String what, List<String> problems) {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate ca : cas) {
            if (ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
                anchors.add(new TrustAnchor(ca, null));
            }
        }
        if (anchors.isEmpty()) {
            problems.add(what + ": no root CA certificate given; pass the CA chain up to the root with --chain");
            return null;
        }
        List<X509Certificate> ordered = order(leaf, cas);
        if (ordered == null) {
            problems.add(what + ": its issuer '" + leaf.getIssuerX500Principal().getName()
                    + "' is not among the CA certificates given (--chain)");
            return null;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(ordered.subList(0, ordered.size() - 1));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return ordered;
        } catch (CertPathValidatorException e) {
            problems.add(what + " does not chain to the CA certificates given: " + e.getMessage());
            return null;
        } catch (CertificateException | InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException e) {
            problems.add(what + ": cannot check its chain: " + e.getMessage());
            return null;
        }
    }

    /** Leaf, then each issuer found by name up to a self-signed root; null if an issuer is missing. */
    private static List<X509Certificate> order(X509Certificate leaf, List<X509Certificate> cas) {
        List<X509Certificate> out = new ArrayList<>(List.of(leaf));
        Set<X509Certificate> used = new LinkedHashSet<>();
        X509Certificate current = leaf;
        while (!current.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
            X509Certificate issuer = null;
            for (X509Certificate ca : cas) {
                if (!used.contains(ca) && ca.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = ca;
                    break;
                }
            }
            if (issuer == null) {
                return null;
            }
            used.add(issuer);
            out.add(issuer);
            current = issuer;
        }
        return out.size() < 2 ? null : out;
    }

    private static List<X509Certificate> readCertificates(String where, Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(where + ": " + file + " not found");
            return List.of();
        }
        try {
            return PkiFiles.readCertificates(file);
        } catch (IOException | CertificateException e) {
            problems.add(where + ": cannot read certificates from " + file + ": " + e.getMessage());
            return List.of();
        }
    }
}
