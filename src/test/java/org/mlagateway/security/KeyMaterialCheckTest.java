package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestPki;

class KeyMaterialCheckTest {
    @TempDir
    static Path generated;

    @TempDir
    Path work;

    private static TestPki other;

    @BeforeAll
    static void generate() {
        SampleDeployments.generate(generated.resolve("deployment"));
        other = TestPki.create("XX-TEST", "DE");
    }

    private Path deployment() {
        return SampleDeployments.copy(generated.resolve("deployment"), work.resolve("d"));
    }

    private static List<Finding> check(Path home) {
        GatewayConfig config = new ConfigLoader().load(home.resolve("gateway.yaml"));
        return new KeyMaterialCheck(Clock.systemUTC(), Duration.ofDays(30)).check(config);
    }

    private static List<Finding> problems(Path home) {
        return check(home).stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).toList();
    }

    @Test
    void generatedDeployment_hasNoProblemsForAnyAuthority() {
        Path d = deployment();
        for (String authority : List.of("kz-gpo", "ru-gpo", "tr-moj", "ae-moj")) {
            assertEquals(List.of(), check(d.resolve(authority)), authority);
        }
    }

    @Test
    void wrongKeyStorePassword_isAProblemForEachKeyStore() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        Files.writeString(kz.resolve("secrets/keystore.password"), "not-the-password\n");
        List<Finding> problems = problems(kz);
        assertEquals(List.of("keys.signing", "keys.encryption", "keys.tls"),
                problems.stream().map(Finding::where).toList());
        assertTrue(problems.get(0).text().startsWith("cannot open key store signing.p12"), problems.get(0).text());
        assertTrue(problems.stream().noneMatch(f -> f.text().contains("not-the-password")), "never echo a secret");
    }

    @Test
    void secretsAndKeyStoresOthersMayOpen_areOneProblemNamingEachFileOnce() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        Files.setPosixFilePermissions(kz.resolve("secrets/keystore.password"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(kz.resolve("tls.p12"), PosixFilePermissions.fromString("rw-rw-rw-"));
        List<Finding> problems = problems(kz);
        assertEquals(List.of(KeyMaterialCheck.PERMISSIONS), problems.stream().map(Finding::where).toList());
        assertEquals("group or others may open key stores or secrets: keystore.password (keys.signing.password) is"
                + " rw-r-----, tls.p12 (keys.tls.keystore) is rw-rw-rw-; make them private to the gateway's user"
                + " (chmod 600 each, or chmod -R go-rwx their folder)", problems.get(0).text());
    }

    @Test
    void publicCertificatesMayStayReadable() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        for (String file : List.of("ca.pem", "signing.pem", "partners/ru-gpo/ca.pem", "partners/ru-gpo/ca.crl")) {
            Files.setPosixFilePermissions(kz.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        assertEquals(List.of(), problems(kz));
    }

    @Test
    void unreadableKeyStore_isAProblem() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        Files.writeString(kz.resolve("tls.p12"), "this is not a key store");
        assertEquals(List.of("keys.tls"), problems(kz).stream().map(Finding::where).toList());
    }

    @Test
    void expiredPartnerAnchor_isAProblem() {
        Path kz = deployment().resolve("kz-gpo");
        CertificateAuthority expired = CertificateAuthority.createRoot("CN=Expired Root,C=RU",
                Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(365), new SecureRandom());
        PkiFiles.writePem(kz.resolve("partners/ru-gpo/ca.pem"), expired.certificate());
        List<Finding> problems = problems(kz);
        assertEquals(List.of("partners[0].signingAnchors[0]", "partners[0].tlsAnchors[0]"),
                problems.stream().map(Finding::where).toList(), "the sample uses one CA for signing and TLS");
        assertTrue(problems.get(0).text().contains("'CN=Expired Root,C=RU' expired on"), problems.get(0).text());
    }

    @Test
    void soonExpiringOwnSigningCertificate_isAProblem() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        IssuedKey soon = other.intermediate().issue("CN=soon,C=KZ", KeyUse.SIGNING,
                Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(10));
        char[] password = Files.readString(kz.resolve("secrets/keystore.password")).strip().toCharArray();
        PkiFiles.writePkcs12(kz.resolve("signing.p12"), "signing", soon, password);
        List<Finding> problems = problems(kz);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).text().contains("'CN=soon,C=KZ' expires soon"), problems.get(0).text());
    }

    @Test
    void ownKeyWithWrongUsage_isAProblem() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        char[] password = Files.readString(kz.resolve("secrets/keystore.password")).strip().toCharArray();
        PkiFiles.writePkcs12(kz.resolve("signing.p12"), "signing", other.wrongUsageSigning(), password);
        List<Finding> problems = problems(kz);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).text().endsWith("lacks the key usage this key needs"), problems.get(0).text());
    }

    @Test
    void partnerEncryptionCertificateWithoutKeyEncipherment_isAProblem() {
        Path kz = deployment().resolve("kz-gpo");
        PkiFiles.writePem(kz.resolve("partners/tr-moj/encryption.pem"), other.signing().certificate());
        List<Finding> problems = problems(kz);
        assertEquals(List.of("partners[1].encryptionCertificate"), problems.stream().map(Finding::where).toList());
    }

    @Test
    void staleCrl_isAProblem() {
        Path kz = deployment().resolve("kz-gpo");
        Instant now = Instant.now();
        PkiFiles.writePem(kz.resolve("partners/ae-moj/ca.crl"),
                other.intermediate().crl(List.of(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));
        List<Finding> problems = problems(kz);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).text().startsWith("CRL ca.crl is stale"), problems.get(0).text());
    }

    @Test
    void partnerAnchorThatIsNoCa_isAProblem() {
        Path kz = deployment().resolve("kz-gpo");
        PkiFiles.writePem(kz.resolve("partners/ru-gpo/ca.pem"), other.signing().certificate());
        List<Finding> problems = problems(kz);
        assertTrue(problems.stream().anyMatch(f -> f.text().endsWith("is not a CA certificate")), problems.toString());
    }

    @Test
    void inlineSecret_isOnlyAWarning() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        String password = Files.readString(kz.resolve("secrets/keystore.password")).strip();
        Path yaml = kz.resolve("gateway.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("\\{ file: secrets/keystore.password }",
                "{ value: \"" + password + "\" }"));
        List<Finding> findings = check(kz);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Finding.Severity.WARNING, findings.get(0).severity());
        assertEquals("keys.signing.password", findings.get(0).where());
    }
}
