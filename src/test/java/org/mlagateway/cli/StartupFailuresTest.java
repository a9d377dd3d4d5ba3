package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * {@code ./gateway run} that cannot start says why in one line on standard error, without a stack
 * trace, and exits non-zero: a port another process holds, a store another process has locked, a
 * database nobody answers for. And {@code ./gateway} alone prints its help and exits 2.
 */
class StartupFailuresTest {
    private static final String EXTERNAL = "  external: { host: 127.0.0.1, port: 8443 }\n";
    private static final String INTERNAL = "  internal: { host: 127.0.0.1, port: 8080 }\n";
    private static final String DATA_DIR = "  dataDir: data        # embedded H2; set jdbcUrl for PostgreSQL\n";

    @TempDir
    static Path dir;

    static Path sample;

    @BeforeAll
    static void deployment() {
        SampleDeployments.generate(dir.resolve("keys"));
        sample = dir.resolve("keys/kz-gpo/gateway.yaml");
    }

    /** The sample KZ-GPO configuration on free ports with its own store, with one more change. */
    private static Path config(String name, int externalPort, String storage) throws Exception {
        String yaml = Files.readString(sample);
        assertTrue(yaml.contains(EXTERNAL) && yaml.contains(INTERNAL) && yaml.contains(DATA_DIR));
        yaml = yaml.replace(EXTERNAL, "  external: { host: 127.0.0.1, port: " + externalPort + " }\n")
                .replace(INTERNAL, "  internal: { host: 127.0.0.1, port: 0 }\n")
                .replace(DATA_DIR, storage);
        Path file = sample.resolveSibling("gateway-" + name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Runs {@code run}, which must fail, and returns its one line of standard error. */
    private static String failedRun(Path config) {
        Cli.Streams r = Cli.runCapturingErrors("run", "--config", config.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(r.err().contains("Exception"), "no exception: " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        return lines.get(0);
    }

    @Test
    void aPortInUse_isOneLine_namingTheListenerAddressAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Path config = config("port", port, "  dataDir: data-port\n");
            String line = failedRun(config);
            assertTrue(
                    line.startsWith(
                            "run: not started: the external listener cannot listen on 127.0.0.1:" + port + ": "),
                    line);
            assertTrue(line.endsWith("(--debug shows the stack trace)"), line);
        }
    }

    @Test
    void anUnreachableDatabase_isOneLine_namingItsUrlWithoutCredentials() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Path config = config(
                "db", 0, "  jdbcUrl: \"jdbc:postgresql://127.0.0.1:" + closed + "/mla?user=gw&password=s3cret\"\n");
        String line = failedRun(config);
        assertEquals(
                "run: not started: cannot reach the database jdbc:postgresql://127.0.0.1:" + closed
                        + "/mla (SQLState 08001) (--debug shows the stack trace)",
                line);
    }

    @Test
    void aStoreLockedByAnotherProcess_isOneLine_namingTheStore() throws Exception {
        Path config = config("locked", 0, "  dataDir: data-locked\n");
        Process other = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "run",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                // A file, not a pipe: Process.destroy() closes our end of a pipe at once, and the line the
                // child's shutdown hook prints would be lost.
                .redirectOutput(dir.resolve("other.out").toFile())
                .start();
        try {
            Supplier<List<String>> said = () -> lines(dir.resolve("other.out"));
            TwoGateways.await("the other gateway running", Duration.ofSeconds(120), () -> said.get().stream()
                    .anyMatch(l -> l.startsWith("KZ-GPO data: ")));
            String line = failedRun(config);
            assertEquals(
                    "run: not started: the embedded store in " + sample.resolveSibling("data-locked")
                            + " is locked by another process (a running gateway, or an operator command that opened"
                            + " it while no gateway ran) (--debug shows the stack trace)",
                    line);
            other.destroy();
            TwoGateways.await("the other gateway stopped", Duration.ofSeconds(60), () -> !other.isAlive());
            assertTrue(said.get().contains("KZ-GPO stopped"), said.get().toString());
        } finally {
            other.destroyForcibly();
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Test
    void noCommand_printsTheHelp_andExitsTwo() {
        Cli.Streams r = Cli.runCapturingErrors();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: gateway"), r.err());
        assertTrue(r.err().contains("run"), r.err());
    }
}
