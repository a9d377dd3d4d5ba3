package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;

class GatewayCommandsTest {
    @TempDir
    static Path generated;

    @BeforeAll
    static void generate() {
        SampleDeployments.generate(generated.resolve("keys"));
    }

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            Set<String> out = new TreeSet<>();
            walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .forEach(out::add);
            return out;
        }
    }

    @Test
    void keysSample_reproducesTheStructureOfTheCommittedKeysSample() throws IOException {
        Path committed = Path.of("keys-sample");
        Set<String> expected = files(committed);
        expected.removeIf(f -> f.contains("/data/"));
        assertEquals(expected, files(generated.resolve("keys")));
    }

    @Test
    void keysSample_readmeSaysOnItsFirstLineThatItIsSampleMaterial() throws IOException {
        String first = Files.readAllLines(generated.resolve("keys/README.md")).get(0);
        assertTrue(first.contains("SAMPLE") && first.contains("NEVER FOR PRODUCTION"), first);
    }

    @Test
    void keysSample_refusesToOverwriteANonEmptyDirectory() {
        assertEquals(
                1, Main.run("keys", "sample", "--out", generated.resolve("keys").toString()));
    }

    @Test
    void configCheck_onEveryGeneratedAuthority_exitsZero() {
        for (String authority : new String[] {"kz-gpo", "ru-gpo", "tr-moj", "ae-moj"}) {
            Cli.Result result = Cli.run(
                    "config",
                    "check",
                    "--config",
                    generated
                            .resolve("keys")
                            .resolve(authority)
                            .resolve("gateway.yaml")
                            .toString());
            assertEquals(0, result.code(), result.out());
            assertTrue(result.out().contains("config check: ok"), result.out());
        }
    }

    @Test
    void configCheck_withUnknownKey_exitsNonZeroAndNamesTheKey(@TempDir Path dir) throws IOException {
        Path yaml = generated.resolve("keys/kz-gpo/gateway.yaml");
        Path bad = dir.resolve("gateway.yaml");
        Files.writeString(
                bad, Files.readString(yaml).replace("  maxDocuments: 100", "  maxDocuments: 100\n  maxDocumnets: 5"));
        Cli.Result result = Cli.run("config", "check", "--config", bad.toString());
        assertEquals(1, result.code());
        assertTrue(result.out().contains("problem: unknown key 'limits.maxDocumnets'"), result.out());
    }

    @Test
    void configCheck_withMissingFile_exitsNonZero(@TempDir Path dir) {
        Cli.Result result = Cli.run(
                "config", "check", "--config", dir.resolve("absent.yaml").toString());
        assertEquals(1, result.code());
        assertTrue(result.out().startsWith("problem: cannot read"), result.out());
        assertTrue(result.out().contains("absent.yaml: not found"), result.out());
    }

    /** A copy of the generated deployment whose KZ-GPO signing key store is 0644, as git checks it out. */
    private static Path withReadableKeyStore(Path dir) throws IOException {
        Path copy = SampleDeployments.copy(generated.resolve("keys"), dir.resolve("keys"));
        Files.setPosixFilePermissions(copy.resolve("kz-gpo/signing.p12"), PosixFilePermissions.fromString("rw-r--r--"));
        return copy.resolve("kz-gpo/gateway.yaml");
    }

    @Test
    void keysSample_writesKeyStoresAndSecretsForTheOwnerOnly() throws IOException {
        Path kz = generated.resolve("keys/kz-gpo");
        for (String file : List.of(
                "signing.p12",
                "encryption.p12",
                "tls.p12",
                "secrets/keystore.password",
                "secrets/api-tokens.properties")) {
            assertEquals(
                    "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kz.resolve(file))), file);
        }
    }

    @Test
    void run_refusesAKeyStoreOthersCanRead_inOneLine(@TempDir Path dir) throws IOException {
        Cli.Streams result = Cli.runCapturingErrors(
                "run", "--config", withReadableKeyStore(dir).toString());
        assertEquals(1, result.code(), result.err());
        assertEquals("", result.out(), "nothing was started");
        List<String> lines = result.err().strip().lines().toList();
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).startsWith("run: not started: problem: permissions: "), lines.get(0));
        assertTrue(lines.get(0).contains("signing.p12 (keys.signing.keystore) is rw-r--r--"), lines.get(0));
        assertFalse(lines.get(0).contains("keystore.password"), "the password file is still private: " + lines.get(0));
    }

    @Test
    void configCheck_reportsAKeyStoreOthersCanRead(@TempDir Path dir) throws IOException {
        Cli.Result result =
                Cli.run("config", "check", "--config", withReadableKeyStore(dir).toString());
        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.out()
                        .contains("problem: permissions: group or others may open key stores or secrets:"
                                + " signing.p12 (keys.signing.keystore) is rw-r--r--;"),
                result.out());
        assertTrue(result.out().contains("config check: 1 problem(s)"), result.out());
    }

    @Test
    void demoKeys_areAPrivateCopyThatPassesTheCheck_evenFromAFreshCloneWithOpenModes(@TempDir Path dir)
            throws IOException {
        Path clone = SampleDeployments.copy(generated.resolve("keys"), dir.resolve("clone"));
        Files.createDirectories(clone.resolve("kz-gpo/data"));
        Files.writeString(clone.resolve("kz-gpo/data/gateway.mv.db"), "left by a run");
        try (Stream<Path> walk = Files.walk(clone)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Path copy = DemoCommand.privateCopy(clone, dir.resolve("work/keys"));
        try (Stream<Path> walk = Files.walk(copy)) {
            for (Path p : walk.toList()) {
                assertEquals(
                        Files.isDirectory(p) ? "rwx------" : "rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
                        p.toString());
            }
        }
        assertFalse(Files.exists(copy.resolve("kz-gpo/data")), "a run's data is not sample material");
        Cli.Result result = Cli.run(
                "config",
                "check",
                "--config",
                copy.resolve("kz-gpo/gateway.yaml").toString());
        assertEquals(0, result.code(), result.out());
    }

    @Test
    void help_listsTheCommands() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.code());
        assertTrue(result.out().contains("keys") && result.out().contains("config"), result.out());
    }
}
