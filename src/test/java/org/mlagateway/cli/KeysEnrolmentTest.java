package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;

/**
 * {@code keys request} and {@code keys import} as an operator uses them, with a national CA made in code
 * (root and issuing CA) that certifies the requests' public keys: the imported key stores pass
 * {@code config check} and start a gateway; a certificate of another key, of the wrong usage, or
 * that does not chain to the CA given is refused in one line, and nothing is written.
 */
class KeysEnrolmentTest {
    private static final Duration YEAR = Duration.ofDays(365);

    @TempDir
    static Path dir;

    private static Path keys;
    private static CertificateAuthority root;
    private static CertificateAuthority issuing;
    private static final Map<String, PKCS10CertificationRequest> CSRS = new TreeMap<>();

    @BeforeAll
    static void request() throws Exception {
        keys = dir.resolve("keys");
        Cli.Streams out = Cli.runCapturingErrors(
                "keys",
                "request",
                "--authority",
                "KZ-GPO",
                "--out",
                keys.toString(),
                "--subject",
                "O=General Prosecutor's Office,L=Astana,C=KZ",
                "--dns",
                "localhost",
                "--ip",
                "127.0.0.1");
        assertEquals(0, out.code(), out.out() + out.err());
        for (String role : List.of("signing", "encryption", "tls")) {
            CSRS.put(role, readCsr(keys.resolve(role + ".csr")));
        }
        Instant start = Instant.now().minus(Duration.ofDays(1));
        SecureRandom random = new SecureRandom();
        root = CertificateAuthority.createRoot(
                "CN=Test National Root,O=Test CA,C=KZ", start, YEAR.multipliedBy(5), random);
        issuing = root.issueIntermediate("CN=Test National Issuing CA,O=Test CA,C=KZ", start, YEAR.multipliedBy(3));
        PkiFiles.writePem(dir.resolve("chain.pem"), issuing.certificate(), root.certificate());
    }

    @Test
    void requestsAreSignedByTheirKeysAndAskForTheirRolesUsage() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        for (String role : List.of("signing", "encryption", "tls")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(role + ".key"))));
            assertTrue(Files.readString(keys.resolve(role + ".key")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY"));
            PKCS10CertificationRequest csr = CSRS.get(role);
            assertTrue(
                    csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo())));
            assertEquals(
                    3072,
                    ((java.security.interfaces.RSAPublicKey) publicKey(csr))
                            .getModulus()
                            .bitLength());
        }
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("keystore.password"))));
        assertEquals(KeyUsage.digitalSignature | KeyUsage.nonRepudiation, keyUsage(CSRS.get("signing")));
        assertEquals(KeyUsage.keyEncipherment, keyUsage(CSRS.get("encryption")));
        assertEquals(KeyUsage.digitalSignature | KeyUsage.keyEncipherment, keyUsage(CSRS.get("tls")));
        assertEquals(List.of("localhost", "127.0.0.1"), altNames(CSRS.get("tls")));
        assertEquals(
                "CN=KZ-GPO message signing,O=General Prosecutor's Office,L=Astana,C=KZ",
                new javax.security.auth.x500.X500Principal(
                                CSRS.get("signing").getSubject().getEncoded())
                        .getName());
    }

    @Test
    void openSslVerifiesEachRequest() throws Exception {
        boolean openssl = Files.isExecutable(Path.of("/usr/bin/openssl"));
        if (!openssl) {
            System.out.println("NOTICE: openssl not installed: the openssl req -verify check of the CSRs is skipped");
        }
        Assumptions.assumeTrue(openssl, "openssl is needed");
        for (String role : List.of("signing", "encryption", "tls")) {
            Process p = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-verify",
                            "-noout",
                            "-in",
                            keys.resolve(role + ".csr").toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("verify OK"), out);
        }
    }

    @Test
    void importedCertificatesPassConfigCheckAndStartAGateway() throws Exception {
        Path ok = copyOfKeys("ok");
        Cli.Streams imported = importCerts(
                ok,
                issue(KeyUse.SIGNING, "signing"),
                issue(KeyUse.ENCRYPTION, "encryption"),
                issue(KeyUse.TLS, "tls"),
                dir.resolve("chain.pem"));
        assertEquals(0, imported.code(), imported.out() + imported.err());
        for (String role : List.of("signing", "encryption", "tls")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(ok.resolve(role + ".p12"))));
        }
        String keysSection = imported.out().substring(imported.out().indexOf("keys:\n"));
        Path deployment = SampleDeployments.generate(dir.resolve("sample"));
        Path config = deployment.resolve("kz-gpo/gateway.yaml");
        String yaml = Files.readString(config);
        int from = yaml.indexOf("keys:\n");
        int to = yaml.indexOf("\nlisteners:");
        Files.writeString(config, yaml.substring(0, from) + keysSection + "\n" + yaml.substring(to));

        Cli.Result check = Cli.run("config", "check", "--config", config.toString());
        assertEquals(0, check.code(), check.out());
        try (Gateway gateway =
                Gateway.start(new ConfigLoader().load(config).onFreePorts(dir.resolve("data")), Clock.systemUTC())) {
            assertTrue(gateway.exchangeUrl().toString().startsWith("https://"));
        }
    }

    @Test
    void aCertificateOfAnotherKeyIsRefused() throws Exception {
        Path wrong = copyOfKeys("wrong-key");
        Cli.Streams out = importCerts(
                wrong,
                issue(KeyUse.SIGNING, "encryption"), // the encryption key's request, certified as signing
                issue(KeyUse.ENCRYPTION, "encryption"),
                issue(KeyUse.TLS, "tls"),
                dir.resolve("chain.pem"));
        assertRefused(
                wrong,
                out,
                "keys import: refused: signing certificate 'CN=KZ-GPO message encryption,"
                        + "O=General Prosecutor's Office,L=Astana,C=KZ' does not match signing.key");
    }

    @Test
    void aCertificateWithoutItsRolesUsageIsRefused() throws Exception {
        Path wrong = copyOfKeys("wrong-usage");
        Cli.Streams out = importCerts(
                wrong,
                issue(KeyUse.KEY_AGREEMENT_ONLY, "signing"),
                issue(KeyUse.ENCRYPTION, "encryption"),
                issue(KeyUse.TIMESTAMPING, "tls"),
                dir.resolve("chain.pem"));
        assertRefused(wrong, out, "lacks the key usage digitalSignature or nonRepudiation");
        assertTrue(out.err().contains("lacks the extended key usages serverAuth and clientAuth"), out.err());
    }

    @Test
    void aCertificateThatDoesNotChainToTheGivenCaIsRefused() throws Exception {
        // An impostor CA with the same names: the issuer names match, the signatures do not.
        Instant start = Instant.now().minus(Duration.ofDays(1));
        CertificateAuthority otherRoot = CertificateAuthority.createRoot(
                "CN=Test National Root,O=Test CA,C=KZ", start, YEAR, new SecureRandom());
        CertificateAuthority otherIssuing =
                otherRoot.issueIntermediate("CN=Test National Issuing CA,O=Test CA,C=KZ", start, YEAR);
        Path otherChain = dir.resolve("other-chain.pem");
        PkiFiles.writePem(otherChain, otherIssuing.certificate(), otherRoot.certificate());
        Path wrong = copyOfKeys("broken-chain");
        Cli.Streams out = importCerts(
                wrong,
                issue(KeyUse.SIGNING, "signing"),
                issue(KeyUse.ENCRYPTION, "encryption"),
                issue(KeyUse.TLS, "tls"),
                otherChain);
        assertRefused(wrong, out, "does not chain to the CA certificates given");

        Path unrelated = dir.resolve("root-only.pem");
        PkiFiles.writePem(unrelated, otherRoot.certificate());
        out = importCerts(
                wrong,
                issue(KeyUse.SIGNING, "signing"),
                issue(KeyUse.ENCRYPTION, "encryption"),
                issue(KeyUse.TLS, "tls"),
                unrelated);
        assertRefused(wrong, out, "is not among the CA certificates given (--chain)");
    }

    private static void assertRefused(Path keysDir, Cli.Streams out, String expected) throws IOException {
        assertEquals(1, out.code(), out.out() + out.err());
        assertTrue(out.err().contains(expected), out.err());
        for (String line : out.err().strip().split("\n")) {
            assertTrue(line.startsWith("keys import: refused: "), "one line per problem: " + line);
            assertFalse(line.contains("Exception"), line);
        }
        try (var files = Files.list(keysDir)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".p12")), "nothing is written when refused");
        }
    }

    private static Cli.Streams importCerts(Path keysDir, Path signing, Path encryption, Path tls, Path chain) {
        return Cli.runCapturingErrors(
                "keys",
                "import",
                "--dir",
                keysDir.toString(),
                "--cert",
                "signing=" + signing,
                "--cert",
                "encryption=" + encryption,
                "--cert",
                "tls=" + tls,
                "--chain",
                chain.toString());
    }

    /** The issuing CA certifies the public key of {@code role}'s request for {@code use}, keeping its subject. */
    private static Path issue(KeyUse use, String role) throws Exception {
        PKCS10CertificationRequest csr = CSRS.get(role);
        String subject =
                new javax.security.auth.x500.X500Principal(csr.getSubject().getEncoded()).getName();
        X509Certificate cert = issuing.certify(
                subject, publicKey(csr), use, Instant.now().minus(Duration.ofHours(1)), YEAR, altNames(csr));
        Path file = Files.createTempFile(dir, role + "-" + use.name().toLowerCase(java.util.Locale.ROOT), ".pem");
        PkiFiles.writePem(file, cert);
        return file;
    }

    private static Path copyOfKeys(String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(keys)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName().toString()));
            }
        }
        return copy;
    }

    private static PKCS10CertificationRequest readCsr(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file);
                PEMParser pem = new PEMParser(in)) {
            return (PKCS10CertificationRequest) pem.readObject();
        }
    }

    private static PublicKey publicKey(PKCS10CertificationRequest csr) throws Exception {
        return new JcaPKCS10CertificationRequest(csr).getPublicKey();
    }

    private static Extensions requested(PKCS10CertificationRequest csr) {
        return Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues()
                .getObjectAt(0));
    }

    private static int keyUsage(PKCS10CertificationRequest csr) {
        Extension ku = requested(csr).getExtension(Extension.keyUsage);
        assertTrue(ku.isCritical(), "the key usage is asked for as critical");
        return KeyUsage.getInstance(ku.getParsedValue()).getBytes()[0] & 0xff;
    }

    private static List<String> altNames(PKCS10CertificationRequest csr) {
        GeneralNames names = GeneralNames.fromExtensions(requested(csr), Extension.subjectAlternativeName);
        List<String> out = new ArrayList<>();
        if (names != null) {
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.iPAddress) {
                    byte[] ip = org.bouncycastle.asn1.DEROctetString.getInstance(name.getName())
                            .getOctets();
                    out.add((ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff));
                } else {
                    out.add(name.getName().toString());
                }
            }
        }
        return out;
    }
}
