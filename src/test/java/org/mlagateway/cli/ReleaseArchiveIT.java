package org.mlagateway.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive that {@code mvn package} builds, used as an operator would: unpacked into a
 * temporary directory and run through its own {@code bin/gateway}, with only the Java runtime's
 * directory on the PATH (no Maven, no shell utilities) and no JAVA_HOME.
 */
class ReleaseArchiveIT {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static Path home;
    private static Path javaBin;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive =
                Path.of(System.getProperty("mlagateway.release.archive", "target/mla-gateway-0.1.0-SNAPSHOT.tar.gz"));
        assertTrue(Files.isRegularFile(archive), "mvn package builds " + archive);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), "tar: " + out);
        home = work.resolve(System.getProperty("mlagateway.release.name", "mla-gateway-0.1.0-SNAPSHOT"));
        javaBin = Path.of(System.getProperty("java.home"), "bin");
    }

    @Test
    void theArchiveHoldsWhatAnOperatorInstalls() throws IOException {
        for (String file : List.of(
                "bin/gateway",
                "lib/mla-gateway.jar",
                "conf/gateway.yaml",
                "systemd/mla-gateway.service",
                "Containerfile",
                "README.md",
                "LICENSE",
                "CHANGELOG.md",
                "SECURITY.md",
                "INSTALL.md",
                "docs/install.md",
                "docs/operations.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), "the archive holds " + file);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/gateway")), "bin/gateway is executable");
        try (var jars = Files.list(home.resolve("lib"))) {
            assertTrue(jars.filter(j -> j.toString().endsWith(".jar")).count() > 20, "lib/ holds the libraries");
        }
        String unit = Files.readString(home.resolve("systemd/mla-gateway.service"));
        for (String line : List.of(
                "User=mla-gateway",
                "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/mla-gateway",
                "NoNewPrivileges=yes",
                "LimitNOFILE=65536",
                "PrivateTmp=yes",
                "ProtectHome=yes",
                "CapabilityBoundingSet=\n")) {
            assertTrue(unit.contains(line), "the systemd unit sets " + line.strip());
        }
        String containerfile = Files.readString(home.resolve("Containerfile"));
        assertTrue(containerfile.contains("USER 10001"), "the image runs as a non-root user");
        assertTrue(containerfile.contains("VOLUME [\"/var/lib/mla-gateway\"]"), "the data directory is a volume");
    }

    @Test
    void helpConfigCheckAndRunWorkWithOnlyAJavaRuntime() throws Exception {
        assertFalse(Files.exists(javaBin.resolve("mvn")), "Maven is not beside java");
        Result help = gateway(Duration.ofSeconds(60), "--help");
        assertEquals(0, help.code(), help.out());
        assertTrue(help.out().contains("config") && help.out().contains("keys"), help.out());

        Path deployment = work.resolve("deployment");
        Result sample = gateway(Duration.ofSeconds(120), "keys", "sample", "--out", deployment.toString());
        assertEquals(0, sample.code(), sample.out());
        int external = freePort();
        int internal = freePort();
        Path config = deployment.resolve("kz-gpo/gateway.yaml");
        String yaml = Files.readString(config)
                .replace("port: 8443", "port: " + external)
                .replace("port: 8080", "port: " + internal);
        Files.writeString(config, yaml);

        Result check = gateway(Duration.ofSeconds(120), "config", "check", "--config", config.toString());
        assertEquals(0, check.code(), check.out());

        Path log = work.resolve("run.log");
        Process run = launcher("run", "--config", config.toString())
                .redirectOutput(log.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + internal + "/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            await().atMost(START_DEADLINE)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .failFast("the gateway exited: " + tail(log), () -> !run.isAlive())
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
        } finally {
            run.destroy();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the gateway stops on SIGTERM: " + tail(log));
        }
        // SIGTERM ends the JVM through its shutdown hooks: 143 is the shell's code for it.
        assertTrue(run.exitValue() == 0 || run.exitValue() == 143, "exit " + run.exitValue() + ": " + tail(log));
        assertTrue(Files.readString(log).contains("exchange endpoint"), tail(log));
    }

    private record Result(int code, String out) {}

    private static Result gateway(Duration deadline, String... args) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Process process = launcher(args)
                .redirectOutput(out.toFile())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/gateway " + String.join(" ", args) + " did not finish: " + tail(out));
        }
        return new Result(process.exitValue(), Files.readString(out));
    }

    /** bin/gateway with an environment of only PATH (the JVM's bin directory) and HOME. */
    private static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/gateway").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", javaBin.toString());
        env.put("HOME", work.toString());
        env.put("JAVA_OPTS", "-Xmx384m");
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
