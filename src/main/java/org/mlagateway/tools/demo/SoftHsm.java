package org.mlagateway.tools.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mlagateway.config.OwnerOnly;

/**
 * SoftHSM2, the software PKCS#11 token the demo and the tests put KZ-GPO's keys in. Its library reads
 * the configuration file named by the environment variable {@link #CONF} once, when a process loads
 * it, and sees only the tokens that exist then; so tokens are made with {@code softhsm2-util} before
 * the library is loaded (docs/pkcs11.md).
 */
public final class SoftHsm {
    /** Debian's path of the library (package softhsm2). */
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    public static final String CONF = "SOFTHSM2_CONF";
    private static final String TOOL = "softhsm2-util";

    private SoftHsm() {}

    /** Why SoftHSM2 cannot be used here, or empty when it can. */
    public static Optional<String> unavailable() {
        if (!Files.isRegularFile(LIBRARY)) {
            return Optional.of("the SoftHSM2 library " + LIBRARY + " is not installed (Debian package softhsm2)");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, TOOL))) {
                return Optional.empty();
            }
        }
        return Optional.of(TOOL + " is not on the PATH (Debian package softhsm2)");
    }

    /** Writes a SoftHSM2 configuration at {@code conf} keeping its tokens in {@code tokenDir} (both private). */
    public static void writeConf(Path conf, Path tokenDir) {
        try {
            OwnerOnly.createDirectories(tokenDir);
            OwnerOnly.write(
                    conf,
                    ("# SoftHSM2 for the MLA Gateway demo or tests\n"
                                    + "directories.tokendir = " + tokenDir.toAbsolutePath() + "\n"
                                    + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n")
                            .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a token labelled {@code label} with user PIN {@code pin} (and a random security
     * officer PIN, never needed again), using the configuration at {@code conf}.
     */
    public static void initToken(Path conf, String label, String pin) {
        byte[] so = new byte[8];
        new SecureRandom().nextBytes(so);
        List<String> command = new ArrayList<>(List.of(
                TOOL,
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                HexFormat.of().formatHex(so),
                "--pin",
                pin));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(CONF, conf.toAbsolutePath().toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(TOOL + " could not create token " + label + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating token " + label, e);
        }
    }
}
