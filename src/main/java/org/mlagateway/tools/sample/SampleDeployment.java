package org.mlagateway.tools.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.message.Sha256;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.security.pki.PkiFiles;

/**
 * Writes the sample PKI and ready-to-run configurations for the home authority KZ-GPO and three
 * partners. Everything it writes is sample material for the demo and the documentation: the
 * passwords and API tokens are written next to the keys, which is exactly what production must
 * never do.
 */
public final class SampleDeployment {
    static final Duration VALIDITY = Duration.ofDays(3652);
    private static final String HOME = "KZ-GPO";

    /** One authority of the sample: its id, country, name, ports and languages. */
    record Authority(
            String id,
            String country,
            String name,
            int externalPort,
            int internalPort,
            List<String> languages,
            String instrument) {
        String dir() {
            return id.toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final List<Authority> AUTHORITIES = List.of(
            new Authority(
                    HOME,
                    "KZ",
                    "General Prosecutor's Office of the Republic of Kazakhstan",
                    8443,
                    8080,
                    List.of("kk", "ru"),
                    null),
            new Authority(
                    "RU-GPO",
                    "RU",
                    "Office of the Prosecutor General of the Russian Federation",
                    8444,
                    8081,
                    List.of("ru"),
                    "CIS-MINSK-1993"),
            new Authority(
                    "TR-MOJ",
                    "TR",
                    "Ministry of Justice of the Republic of Türkiye",
                    8445,
                    8082,
                    List.of("tr", "en"),
                    "UN-1988-DRUGS"),
            new Authority(
                    "AE-MOJ",
                    "AE",
                    "Ministry of Justice of the United Arab Emirates",
                    8446,
                    8083,
                    List.of("ar", "en"),
                    "UN-UNCAC-2003"));

    private final SecureRandom random;
    private final Instant now;
    private final Map<String, Issued> issued = new LinkedHashMap<>();
    private IssuedKey revokedRu;

    /** What was generated for one authority; the public parts are copied to its partners. */
    private record Issued(
            CertificateAuthority ca,
            IssuedKey signing,
            IssuedKey encryption,
            IssuedKey tls,
            String password,
            Map<String, String> tokens) {}

    public SampleDeployment(SecureRandom random, Instant now) {
        this.random = random;
        this.now = now;
    }

    public void writeTo(Path out) {
        for (Authority a : AUTHORITIES) {
            issued.put(a.id(), issue(a));
        }
        revokedRu = issued.get("RU-GPO")
                .ca()
                .issue(
                        "CN=RU-GPO message signing (revoked),O=RU-GPO (SAMPLE),C=RU",
                        KeyUse.SIGNING,
                        now.minus(Duration.ofDays(1)),
                        VALIDITY);
        for (Authority a : AUTHORITIES) {
            writeAuthority(out, a);
        }
        writeRuExtras(out.resolve("ru-gpo"));
        writeTsa(out.resolve("tsa"));
        write(out.resolve("README.md"), SampleReadme.render(AUTHORITIES, passwords(), tokens()));
    }

    private Issued issue(Authority a) {
        Instant start = now.minus(Duration.ofDays(1));
        CertificateAuthority ca = CertificateAuthority.createRoot(
                "CN=" + a.id() + " Sample Root CA,O=" + a.id() + " (SAMPLE),C=" + a.country(), start, VALIDITY, random);
        String base = ",O=" + a.id() + " (SAMPLE),C=" + a.country();
        IssuedKey signing = ca.issue("CN=" + a.id() + " message signing" + base, KeyUse.SIGNING, start, VALIDITY);
        IssuedKey encryption =
                ca.issue("CN=" + a.id() + " message encryption" + base, KeyUse.ENCRYPTION, start, VALIDITY);
        IssuedKey tls = ca.issue("CN=localhost" + base, KeyUse.TLS, start, VALIDITY, List.of("localhost", "127.0.0.1"));
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String client : clientNames(a)) {
            tokens.put(client, "sample-" + HexFormat.of().formatHex(randomBytes(16)));
        }
        return new Issued(
                ca, signing, encryption, tls, "sample-" + HexFormat.of().formatHex(randomBytes(8)), tokens);
    }

    private void writeAuthority(Path out, Authority a) {
        Path dir = out.resolve(a.dir());
        Issued own = issued.get(a.id());
        char[] password = own.password().toCharArray();
        PkiFiles.writePkcs12(dir.resolve("signing.p12"), "signing", own.signing(), password);
        PkiFiles.writePkcs12(dir.resolve("encryption.p12"), "encryption", own.encryption(), password);
        PkiFiles.writePkcs12(dir.resolve("tls.p12"), "tls", own.tls(), password);
        try {
            AtRest.writeKeyStore(dir.resolve("kek.p12"), password, "kek-1", random);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        PkiFiles.writePem(dir.resolve("ca.pem"), own.ca().certificate());
        PkiFiles.writePem(dir.resolve("signing.pem"), own.signing().certificate());
        PkiFiles.writePem(dir.resolve("encryption.pem"), own.encryption().certificate());
        writeSecret(dir.resolve("secrets/keystore.password"), own.password() + "\n");
        StringBuilder tokens = new StringBuilder("# SAMPLE API tokens: never for production.\n");
        own.tokens()
                .forEach((client, token) ->
                        tokens.append(client).append('=').append(token).append('\n'));
        writeSecret(dir.resolve("secrets/api-tokens.properties"), tokens.toString());
        List<Authority> partners = partnersOf(a);
        for (Authority p : partners) {
            Issued theirs = issued.get(p.id());
            Path trust = dir.resolve("partners").resolve(p.dir());
            PkiFiles.writePem(trust.resolve("ca.pem"), theirs.ca().certificate());
            PkiFiles.writePem(
                    trust.resolve("encryption.pem"), theirs.encryption().certificate());
            PkiFiles.writePem(trust.resolve("ca.crl"), crlFor(p));
        }
        write(
                dir.resolve("gateway.yaml"),
                SampleYaml.render(a, partners, hashedTokens(own.tokens()), HOME.equals(a.id())));
    }

    /** RU-GPO also gets one revoked and one expired signing certificate, and its CRL lists the revoked one. */
    private void writeRuExtras(Path dir) {
        Issued ru = issued.get("RU-GPO");
        char[] password = ru.password().toCharArray();
        PkiFiles.writePkcs12(dir.resolve("signing-revoked.p12"), "signing", revokedRu, password);
        IssuedKey expired = ru.ca()
                .issue(
                        "CN=RU-GPO message signing (expired),O=RU-GPO (SAMPLE),C=RU",
                        KeyUse.SIGNING,
                        now.minus(Duration.ofDays(400)),
                        Duration.ofDays(365));
        PkiFiles.writePkcs12(dir.resolve("signing-expired.p12"), "signing", expired, password);
        PkiFiles.writePem(dir.resolve("ca.crl"), crlFor(AUTHORITIES.get(1)));
    }

    private java.security.cert.X509CRL crlFor(Authority a) {
        List<BigInteger> revoked = new ArrayList<>();
        if ("RU-GPO".equals(a.id())) {
            revoked.add(revokedRu.certificate().getSerialNumber());
        }
        return issued.get(a.id()).ca().crl(revoked, now.minus(Duration.ofDays(1)), now.plus(VALIDITY));
    }

    /** A sample time-stamping authority, issued by KZ-GPO's CA, for log checkpoints. */
    private void writeTsa(Path dir) {
        Issued kz = issued.get(HOME);
        IssuedKey tsa = kz.ca()
                .issue(
                        "CN=KZ-GPO Sample Time-Stamping Authority,O=KZ-GPO (SAMPLE),C=KZ",
                        KeyUse.TIMESTAMPING,
                        now.minus(Duration.ofDays(1)),
                        VALIDITY);
        PkiFiles.writePkcs12(dir.resolve("tsa.p12"), "tsa", tsa, kz.password().toCharArray());
        PkiFiles.writePem(dir.resolve("tsa.pem"), tsa.certificate());
    }

    static List<Authority> partnersOf(Authority a) {
        return HOME.equals(a.id()) ? AUTHORITIES.subList(1, AUTHORITIES.size()) : List.of(AUTHORITIES.get(0));
    }

    static List<String> clientNames(Authority a) {
        return HOME.equals(a.id())
                ? List.of(
                        "operator",
                        "translator",
                        "mvd-investigation",
                        "anti-corruption",
                        "admin",
                        "auditor",
                        "consular",
                        "registrar")
                : List.of("operator", "domestic", "admin");
    }

    private Map<String, String> passwords() {
        Map<String, String> out = new LinkedHashMap<>();
        issued.forEach((id, i) -> out.put(id, i.password()));
        return out;
    }

    private Map<String, Map<String, String>> tokens() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        issued.forEach((id, i) -> out.put(id, i.tokens()));
        return out;
    }

    private static Map<String, String> hashedTokens(Map<String, String> tokens) {
        Map<String, String> out = new LinkedHashMap<>();
        tokens.forEach((client, token) -> out.put(client, Sha256.hex(token)));
        return out;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Secrets are 0600 from the start, as {@code run} and {@code config check} require of them. */
    private static void writeSecret(Path file, String text) {
        try {
            OwnerOnly.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
