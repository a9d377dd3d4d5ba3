package org.mlagateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.config.Pkcs11Config;
import org.mlagateway.config.Secret;
import org.mlagateway.tools.demo.SoftHsm;

/**
 * A SoftHSM2 token of one test class, in that class's temporary directory. SoftHSM2 reads the file
 * named by SOFTHSM2_CONF (set by the build for the test JVM) once per loaded copy of its library and
 * sees only the tokens present then; so each test class rewrites that file to point at its own token
 * directory, creates its token, and loads its own copy of the library, which the JVM loads as a
 * separate module with its own state. Test classes run one after another, so the file is never
 * rewritten under another class's feet. Without SoftHSM2 the test is skipped with a NOTICE.
 */
public final class TestToken {
    public final Path library;
    public final String label;
    public final Path pinFile;

    private TestToken(Path library, String label, Path pinFile) {
        this.library = library;
        this.label = label;
        this.pinFile = pinFile;
    }

    /** A new token labelled {@code label} under {@code dir}, or the calling test skipped. */
    public static TestToken createOrSkip(Path dir, String label, Class<?> testClass) {
        String conf = System.getenv(SoftHsm.CONF);
        Optional<String> missing = SoftHsm.unavailable();
        if (missing.isEmpty() && conf == null) {
            missing = Optional.of(SoftHsm.CONF + " is not set (the build's test configuration sets it)");
        }
        if (missing.isPresent()) {
            System.out.println(
                    "NOTICE: " + missing.get() + ": PKCS#11 tests skipped (" + testClass.getSimpleName() + ")");
            Assumptions.abort(missing.get());
        }
        try {
            SoftHsm.writeConf(Path.of(conf), dir.resolve("tokens"));
            Path library = OwnerOnly.createDirectories(dir.resolve("lib")).resolve("libsofthsm2.so");
            Files.copy(SoftHsm.LIBRARY, library);
            byte[] pin = new byte[6];
            new SecureRandom().nextBytes(pin);
            String pinText = HexFormat.of().formatHex(pin);
            Path pinFile = dir.resolve("token.pin");
            OwnerOnly.write(pinFile, (pinText + "\n").getBytes(StandardCharsets.UTF_8));
            SoftHsm.initToken(Path.of(conf), label, pinText);
            return new TestToken(library, label, pinFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another token beside this one, with its own PIN; only before the library is first used, since
     * SoftHSM2 sees the tokens that exist when it is loaded.
     */
    public TestToken another(String otherLabel) {
        Path dir = pinFile.getParent();
        byte[] pin = new byte[6];
        new SecureRandom().nextBytes(pin);
        String pinText = HexFormat.of().formatHex(pin);
        Path otherPin = dir.resolve(otherLabel + ".pin");
        try {
            OwnerOnly.write(otherPin, (pinText + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SoftHsm.initToken(Path.of(System.getenv(SoftHsm.CONF)), otherLabel, pinText);
        return new TestToken(library, otherLabel, otherPin);
    }

    /** The configuration of the key {@code alias} in this token, the PIN in its file. */
    public Pkcs11Config key(String alias) {
        return new Pkcs11Config(library, label, null, new Secret(null, pinFile, null), alias);
    }

    /** The PIN, for tests that log in themselves. */
    public String pin() {
        try {
            return Files.readString(pinFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
