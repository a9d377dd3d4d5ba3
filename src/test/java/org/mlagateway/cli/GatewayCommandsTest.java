package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).forEach(out::add);
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
        assertEquals(1, Main.run("keys", "sample", "--out", generated.resolve("keys").toString()));
    }

    @Test
    void configCheck_onEveryGeneratedAuthority_exitsZero() {
        for (String authority : new String[] {"kz-gpo", "ru-gpo", "tr-moj", "ae-moj"}) {
            Cli.Result result = Cli.run("config", "check", "--config",
                    generated.resolve("keys").resolve(authority).resolve("gateway.yaml").toString());
            assertEquals(0, result.code(), result.out());
            assertTrue(result.out().contains("config check: ok"), result.out());
        }
    }

    @Test
    void configCheck_withUnknownKey_exitsNonZeroAndNamesTheKey(@TempDir Path dir) throws IOException {
        Path yaml = generated.resolve("keys/kz-gpo/gateway.yaml");
        Path bad = dir.resolve("gateway.yaml");
        Files.writeString(bad, Files.readString(yaml).replace("  maxDocuments: 100", "  maxDocuments: 100\n  maxDocumnets: 5"));
        Cli.Result result = Cli.run("config", "check", "--config", bad.toString());
        assertEquals(1, result.code());
        assertTrue(result.out().contains("problem: unknown key 'limits.maxDocumnets'"), result.out());
    }

    @Test
    void configCheck_withMissingFile_exitsNonZero(@TempDir Path dir) {
        Cli.Result result = Cli.run("config", "check", "--config", dir.resolve("absent.yaml").toString());
        assertEquals(1, result.code());
        assertTrue(result.out().startsWith("problem: cannot read"), result.out());
    }

    @Test
    void help_listsTheCommands() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.code());
        assertTrue(result.out().contains("keys") && result.out().contains("config"), result.out());
    }
}
