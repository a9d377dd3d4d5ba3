package org.mlagateway.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TestPki;
import org.mlagateway.testing.TestToken;
import org.mlagateway.tools.demo.TokenKeys;

/**
 * {@code config check} logs in to the token and says exactly what is wrong there, naming the key:
 * a wrong PIN, an unknown token label, a missing alias, a private key that does not match its
 * certificate, a PIN file others may read. A correct token configuration passes.
 */
class Pkcs11ConfigCheckTest {
    @TempDir
    static Path dir;

    private static TestToken token;
    private static TestToken spare;
    private static Path kz;
    private static String yaml;

    @BeforeAll
    static void deployment() throws IOException {
        token = TestToken.createOrSkip(dir.resolve("hsm"), "KZ-GPO", Pkcs11ConfigCheckTest.class);
        // A token this process never logs in to: a wrong PIN is only noticed by a token not logged in already.
        spare = token.another("SPARE");
        kz = SampleDeployments.generate(dir.resolve("keys")).resolve("kz-gpo");
        TokenKeys.moveInto(kz, token.library, token.label, token.pinFile);
        yaml = Files.readString(kz.resolve("gateway.yaml"));
        try (Tokens tokens = new Tokens()) {
            // A certificate stored with a key that is not its own: as if the wrong key had been imported.
            TestPki other = TestPki.create("KZ-GPO", "KZ");
            tokens.token(token.key("signing"))
                    .importKey(
                            "mismatch",
                            new IssuedKey(
                                    other.signing().privateKey(),
                                    other.revokedSigning().chain()));
        }
    }

    @Test
    void aCorrectTokenConfiguration_passes() {
        Cli.Result result = check(yaml);
        assertEquals(0, result.code(), result.out());
        assertTrue(result.out().contains("config check: ok"), result.out());
    }

    @Test
    void aWrongPin_isNamedAsSuch() throws IOException {
        Path wrong = kz.resolve("secrets/wrong.pin");
        OwnerOnly.write(wrong, "000000\n".getBytes(StandardCharsets.UTF_8));
        String signing = signingLine()
                .replace("\"KZ-GPO\"", "\"SPARE\"")
                .replaceAll("pin: \\{ file: [^}]+}", "pin: { file: secrets/wrong.pin }");
        Cli.Result result = check(yaml.replace(signingLine(), signing));
        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.out().contains("problem: keys.signing: wrong PIN for token 'SPARE' (CKR_PIN_INCORRECT)"),
                result.out());
    }

    @Test
    void anUnknownTokenLabel_listsTheTokensThere() {
        Cli.Result result = check(yaml.replace(signingLine(), signingLine().replace("\"KZ-GPO\"", "\"KZ-GPO-OLD\"")));
        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.out()
                        .contains("problem: keys.signing: no token 'KZ-GPO-OLD' in libsofthsm2.so; tokens"
                                + " present: "),
                result.out());
        assertTrue(result.out().contains("'KZ-GPO' (slot"), result.out());
        assertTrue(result.out().contains("'SPARE' (slot"), result.out());
    }

    @Test
    void aMissingAlias_listsTheAliasesThere() {
        Cli.Result result = check(yaml.replace(signingLine(), signingLine().replace("alias: signing", "alias: sign")));
        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.out()
                        .contains("problem: keys.signing: no key with alias 'sign' in token 'KZ-GPO' (aliases"
                                + " there: ["),
                result.out());
        assertTrue(result.out().contains("encryption"), result.out());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificate_isNamed() {
        Cli.Result result =
                check(yaml.replace(signingLine(), signingLine().replace("alias: signing", "alias: mismatch")));
        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.out()
                        .contains("problem: keys.signing: key 'mismatch' in token 'KZ-GPO' does not match its"
                                + " certificate (serial "),
                result.out());
    }

    @Test
    void aPinFileOthersMayRead_isAProblem() throws IOException {
        Path open = kz.resolve("secrets/open.pin");
        Files.copy(token.pinFile, open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        String signing = signingLine().replaceAll("pin: \\{ file: [^}]+}", "pin: { file: secrets/open.pin }");
        Cli.Result result = check(yaml.replace(signingLine(), signing));
        assertEquals(1, result.code(), result.out());
        assertTrue(result.out().contains("open.pin (keys.signing.pkcs11.pin) is rw-r--r--"), result.out());
    }

    /** The line of the sample's keys section that configures the signing key. */
    private static String signingLine() {
        int start = yaml.indexOf("  signing:\n");
        int end = yaml.indexOf('\n', yaml.indexOf("pkcs11:", start));
        return yaml.substring(start, end);
    }

    private static Cli.Result check(String text) {
        try {
            Path file = kz.resolve("check-" + System.nanoTime() + ".yaml");
            Files.writeString(file, text);
            return Cli.run("config", "check", "--config", file.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
