package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * {@code ./gateway demo --keep-running} in a JVM of its own, stopped as Ctrl-C or a service manager
 * stops it (SIGTERM, {@link Process#destroy()}): its shutdown hook stops the gateways and removes the
 * temporary directory that held their stores and keys. Its summary line counts the messages KZ-GPO and
 * TR-MOJ exchanged over AS4.
 */
class DemoKeepRunningTest {
    @TempDir
    Path dir;

    @Test
    void stopped_removesItsTemporaryDirectory() throws Exception {
        Path keys = SampleDeployments.generate(dir.resolve("keys"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process demo = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-Djava.io.tmpdir=" + tmp,
                        "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "demo",
                        "--keep-running",
                        "--keys",
                        keys.toString())
                .redirectError(dir.resolve("demo.err").toFile())
                // A file, not a pipe: Process.destroy() closes our end of a pipe at once, and what the
                // shutdown hook prints would be lost.
                .redirectOutput(dir.resolve("demo.out").toFile())
                .start();
        Supplier<List<String>> said = () -> StartupFailuresTest.lines(dir.resolve("demo.out"));
        try {
            TwoGateways.await(
                    "the demo running",
                    Duration.ofSeconds(240),
                    () -> said.get().stream().anyMatch(l -> l.contains("Press Ctrl-C to stop.")) || !demo.isAlive());
            String stores = said.get().stream()
                    .filter(l -> l.startsWith("Stores under "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(said.get() + "\n" + err()));
            Path work = Path.of(stores.substring("Stores under ".length(), stores.indexOf(" (removed when stopped)")));
            assertTrue(work.startsWith(tmp), work.toString());
            assertTrue(Files.isDirectory(work.resolve("kz-gpo")), work.toString());
            assertTrue(
                    said.get().contains("demo: 16/16 delivered, 16/16 receipts verified, 4 over AS4, logs verified"),
                    "KZ-GPO and TR-MOJ exchange four messages over AS4: " + said.get());
            assertTrue(said.get().stream().anyMatch(l -> l.startsWith("TR-MOJ exchange: ") && l.contains("/as4")));

            demo.destroy();
            TwoGateways.await("the demo stopped", Duration.ofSeconds(120), () -> !demo.isAlive());
            assertTrue(said.get().contains("demo: stopped"), said.get().toString());
            assertFalse(Files.exists(work), work + " is still there");
        } finally {
            demo.destroyForcibly();
        }
    }

    private String err() {
        try {
            return Files.readString(dir.resolve("demo.err"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
