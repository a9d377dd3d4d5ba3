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

    /** The findings, without the warnings every SAMPLE key gets (sampleKeys_areEachAWarning holds those). */
    private static List<Finding> check(Path home) {
        return allFindings(home).stream().filter(f -> !isSampleWarning(f)).toList();
    }

    private static List<Finding> allFindings(Path home) {
        GatewayConfig config = new ConfigLoader().load(home.resolve("gateway.yaml"));
        return new KeyMaterialCheck(Clock.systemUTC(), Duration.ofDays(30)).check(config);
    }

    private static boolean isSampleWarning(Finding f) {
        return f.severity() == Finding.Severity.WARNING && f.text().startsWith("WARNING: SAMPLE key material");
    }

    @Test
    void sampleKeys_areEachAWarning() {
        List<Finding> findings = allFindings(deployment().resolve("kz-gpo"));
        assertEquals(
                List.of("keys.signing", "keys.encryption", "keys.tls"),
                findings.stream()
                        .filter(KeyMaterialCheckTest::isSampleWarning)
                        .map(Finding::where)
                        .toList(),
                findings.toString());
    }

    private static List<Finding> problems(Path home) {
        return check(home).stream()
                .filter(f -> f.severity() == Finding.Severity.PROBLEM)
                .toList();
    }

    @Test
    void generatedDeployment_hasNoProblemsForAnyAuthority() {
        Path d = deployment();
        for (String authority : List.of("kz-gpo", "ru-gpo", "tr-moj", "ae-moj")) {
            assertEquals(List.of(), check(d.resolve(authority)), authority);
        }
    }

    /** Adds a next signing key valid from {@code notBefore} switching at {@code from}, and RU-GPO's next one. */
    private static Path withNextSigningKey(Path kz, Instant notBefore, Instant from) throws Exception {
        CertificateAuthority ca = CertificateAuthority.createRoot(
                "CN=KZ-GPO Root CA 2,O=KZ-GPO (TEST),C=KZ",
                Instant.now().minus(Duration.ofDays(1)),
                Duration.ofDays(3650),
                new SecureRandom());
        IssuedKey next =
                ca.issue("CN=KZ-GPO signing 2,O=KZ-GPO (TEST),C=KZ", KeyUse.SIGNING, notBefore, Duration.ofDays(365));
        char[] password = Files.readString(kz.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        PkiFiles.writePkcs12(kz.resolve("signing-2.p12"), "signing", next, password);
        IssuedKey ruNext = ca.issue(
                "CN=RU-GPO encryption 2,O=RU-GPO (TEST),C=RU", KeyUse.ENCRYPTION, notBefore, Duration.ofDays(365));
        PkiFiles.writePem(kz.resolve("partners/ru-gpo/encryption-2.pem"), ruNext.certificate());
        Path yaml = kz.resolve("gateway.yaml");
        String text = Files.readString(yaml)
                .replace(
                        "    alias: signing\n",
                        "    alias: signing\n    next: { keystore: signing-2.p12,"
                                + " password: { file: secrets/keystore.password }, from: " + from + " }\n")
                .replace(
                        "encryptionCertificate: partners/ru-gpo/encryption.pem\n",
                        "encryptionCertificate: partners/ru-gpo/encryption.pem\n    nextEncryption: { certificate:"
                                + " partners/ru-gpo/encryption-2.pem, from: " + from + " }\n");
        Files.writeString(yaml, text);
        return kz;
    }

    @Test
    void aNextKeyNotYetValidToday_butValidAtItsSwitch_isFine() throws Exception {
        Instant now = Instant.now();
        Path kz = withNextSigningKey(
                deployment().resolve("kz-gpo"), now.plus(Duration.ofDays(40)), now.plus(Duration.ofDays(50)));
        assertEquals(List.of(), check(kz));
        try (KeyMaterial keys =
                KeyMaterial.load(new ConfigLoader().load(kz.resolve("gateway.yaml")), Clock.systemUTC())) {
            assertTrue(keys.signingKeys().next() != null, "the gateway starts with the next key loaded");
            assertTrue(keys.partnerNextEncryption().containsKey("RU-GPO"));
        }
    }

    @Test
    void aNextKeyNotYetValidAtItsSwitch_orAnOldKeyExpiringBeforeIt_isAWarningForConfigCheck() throws Exception {
        Instant now = Instant.now();
        Path early = withNextSigningKey(
                deployment().resolve("kz-gpo"), now.plus(Duration.ofDays(40)), now.plus(Duration.ofDays(35)));
        List<Finding> findings = check(early);
        assertEquals(
                List.of("keys.signing.next", "partners[0].nextEncryption"),
                findings.stream().map(Finding::where).toList(),
                findings.toString());
        assertTrue(findings.stream().allMatch(f -> f.severity() == Finding.Severity.WARNING), findings.toString());
        assertTrue(
                findings.get(0).text().contains("is not yet valid at the switch"),
                findings.get(0).text());

        Path late = withNextSigningKey(
                SampleDeployments.copy(generated.resolve("deployment"), work.resolve("late"))
                        .resolve("kz-gpo"),
                now,
                now.plus(Duration.ofDays(3700)));
        List<Finding> lateFindings = check(late);
        assertTrue(
                lateFindings.stream()
                        .anyMatch(f -> f.where().equals("keys.signing.next")
                                && f.severity() == Finding.Severity.WARNING
                                && f.text().contains("before the switch")),
                lateFindings.toString());
    }

    @Test
    void wrongKeyStorePassword_isAProblemForEachKeyStore() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        Files.writeString(kz.resolve("secrets/keystore.password"), "not-the-password\n");
        List<Finding> problems = problems(kz);
        assertEquals(
                List.of("keys.signing", "keys.encryption", "keys.tls"),
                problems.stream().map(Finding::where).toList());
        assertTrue(
                problems.get(0).text().startsWith("cannot open key store signing.p12"),
                problems.get(0).text());
        assertTrue(problems.stream().noneMatch(f -> f.text().contains("not-the-password")), "never echo a secret");
    }

    @Test
    void secretsAndKeyStoresOthersMayOpen_areOneProblemNamingEachFileOnce() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        Files.setPosixFilePermissions(
                kz.resolve("secrets/keystore.password"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(kz.resolve("tls.p12"), PosixFilePermissions.fromString("rw-rw-rw-"));
        List<Finding> problems = problems(kz);
        assertEquals(
                List.of(KeyMaterialCheck.PERMISSIONS),
                problems.stream().map(Finding::where).toList());
        assertEquals(
                "group or others may open key stores or secrets: keystore.password (keys.signing.password) is"
                        + " rw-r-----, tls.p12 (keys.tls.keystore) is rw-rw-rw-; make them private to the"
                        + " gateway's user"
                        + " (chmod 600 each, or chmod -R go-rwx their folder)",
                problems.get(0).text());
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
        assertEquals(
                List.of("keys.tls"), problems(kz).stream().map(Finding::where).toList());
    }

    @Test
    void expiredPartnerAnchor_isAProblem() {
        Path kz = deployment().resolve("kz-gpo");
        CertificateAuthority expired = CertificateAuthority.createRoot(
                "CN=Expired Root,C=RU",
                Instant.now().minus(Duration.ofDays(400)),
                Duration.ofDays(365),
                new SecureRandom());
        PkiFiles.writePem(kz.resolve("partners/ru-gpo/ca.pem"), expired.certificate());
        List<Finding> problems = problems(kz);
        assertEquals(
                List.of("partners[0].signingAnchors[0]", "partners[0].tlsAnchors[0]"),
                problems.stream().map(Finding::where).toList(),
                "the sample uses one CA for signing and TLS");
        assertTrue(
                problems.get(0).text().contains("'CN=Expired Root,C=RU' expired on"),
                problems.get(0).text());
    }

    @Test
    void soonExpiringOwnSigningCertificate_isAProblem() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        IssuedKey soon = other.intermediate()
                .issue("CN=soon,C=KZ", KeyUse.SIGNING, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(10));
        char[] password = Files.readString(kz.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        PkiFiles.writePkcs12(kz.resolve("signing.p12"), "signing", soon, password);
        List<Finding> problems = problems(kz);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).text().contains("'CN=soon,C=KZ' expires soon"),
                problems.get(0).text());
    }

    @Test
    void ownKeyWithWrongUsage_isAProblem() throws Exception {
        Path kz = deployment().resolve("kz-gpo");
        char[] password = Files.readString(kz.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        PkiFiles.writePkcs12(kz.resolve("signing.p12"), "signing", other.wrongUsageSigning(), password);
        List<Finding> problems = problems(kz);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).text().endsWith("lacks the key usage this key needs"),
                problems.get(0).text());
    }

    @Test
    void partnerEncryptionCertificateWithoutKeyEncipherment_isAProblem() {
        Path kz = deployment().resolve("kz-gpo");
        PkiFiles.writePem(
                kz.resolve("partners/tr-moj/encryption.pem"), other.signing().certificate());
        List<Finding> problems = problems(kz);
        assertEquals(
                List.of("partners[1].encryptionCertificate"),
                problems.stream().map(Finding::where).toList());
    }

    @Test
    void staleCrl_isAProblem() {
        Path kz = deployment().resolve("kz-gpo");
        Instant now = Instant.now();
        PkiFiles.writePem(
                kz.resolve("partners/ae-moj/ca.crl"),
                other.intermediate().crl(List.of(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));
        List<Finding> problems = problems(kz);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).text().startsWith("CRL ca.crl is stale"),
                problems.get(0).text());
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
        String password =
                Files.readString(kz.resolve("secrets/keystore.password")).strip();
        Path yaml = kz.resolve("gateway.yaml");
        Files.writeString(
                yaml,
                Files.readString(yaml)
                        .replaceFirst("\\{ file: secrets/keystore.password }", "{ value: \"" + password + "\" }"));
        List<Finding> findings = check(kz);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Finding.Severity.WARNING, findings.get(0).severity());
        assertEquals("keys.signing.password", findings.get(0).where());
    }
}
