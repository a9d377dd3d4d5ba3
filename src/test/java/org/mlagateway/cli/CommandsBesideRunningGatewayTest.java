package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.Direction;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/**
 * The operator's commands on the embedded H2 store while its gateway runs and messages keep being
 * submitted: in this JVM through their entry point, and in a second JVM, a real second process, which
 * is what H2's file lock keeps out. Both reach the store through the gateway's loopback server.
 */
class CommandsBesideRunningGatewayTest {
    @TempDir
    static Path shared;

    static Path keys;
    static Path yaml;

    @TempDir
    Path dir;

    /** This test's store: every command names it with --data-dir. */
    Path data;

    Gateway gateway;
    Thread submitter;
    /** Not an interrupt: H2 closes its file when a thread writing it is interrupted. */
    volatile boolean stopping;

    final List<String> submitted = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    @BeforeAll
    static void deployment() {
        keys = SampleDeployments.generate(shared.resolve("keys"));
        yaml = keys.resolve("kz-gpo/gateway.yaml");
    }

    /** Starts the sample KZ-GPO gateway on a store of this test's, and keeps submitting messages to it. */
    void startGatewayAndSubmit() {
        data = dir.resolve("data");
        GatewayConfig config = new ConfigLoader().load(yaml);
        gateway = Gateway.start(config.onFreePorts(data), Clock.systemUTC());
        ExampleMessages examples = new ExampleMessages(gateway.codec());
        submitter = new Thread(
                () -> {
                    while (!stopping) {
                        try {
                            Message m = examples.request("mla-request.xml", "KZ-GPO", "RU-GPO");
                            gateway.submissions()
                                    .submit(
                                            gateway.codec().write(m),
                                            "test",
                                            UUID.randomUUID().toString());
                            submitted.add(m.getHeader().getMessageId());
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                            return;
                        }
                    }
                },
                "submitter");
        submitter.start();
        TwoGateways.await("messages flowing", Duration.ofSeconds(60), () -> submitted.size() >= 3);
    }

    @AfterEach
    void stop() throws InterruptedException {
        stopping = true;
        if (submitter != null) {
            submitter.join(30_000);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void logAndStatsCommands_inThisJvm_whileMessagesFlow_succeed() throws Exception {
        startGatewayAndSubmit();
        String id = submitted.get(0);
        int before = submitted.size();

        Cli.Result verify = Cli.run("log", "verify", "--config", yaml.toString(), "--data-dir", data.toString());
        assertEquals(0, verify.code(), verify.out());
        assertTrue(verify.out().contains(", OK\n"), verify.out());
        assertTrue(verify.out().contains("agree with the log"), verify.out());

        Cli.Result search = Cli.run(
                "log", "search", "--config", yaml.toString(), "--data-dir", data.toString(), "--message-id", id);
        assertEquals(0, search.code(), search.out());
        assertTrue(search.out().contains(id) && search.out().contains("1 row"), search.out());
        Cli.Result lower = Cli.run(
                "log",
                "search",
                "--config",
                yaml.toString(),
                "--data-dir",
                data.toString(),
                "--status",
                "queued",
                "--kind",
                "mla_request",
                "--limit",
                "1");
        assertEquals(0, lower.code(), lower.out());
        assertTrue(lower.out().contains("1 row"), lower.out());

        Cli.Result show = Cli.run("log", "show", "--config", yaml.toString(), "--data-dir", data.toString(), id);
        assertEquals(0, show.code(), show.out());
        assertTrue(show.out().contains("queued-for-send"), show.out());

        Path zip = dir.resolve("evidence.zip");
        Cli.Result export = Cli.run(
                "log",
                "export",
                "--config",
                yaml.toString(),
                "--data-dir",
                data.toString(),
                id,
                "--out",
                zip.toString());
        assertEquals(0, export.code(), export.out());
        assertTrue(Files.size(zip) > 0);

        int year = Year.now(ZoneId.of("Asia/Almaty")).getValue();
        Cli.Result stats = Cli.run(
                "stats", "--config", yaml.toString(), "--data-dir", data.toString(), "--year", Integer.toString(year));
        assertEquals(0, stats.code(), stats.out());

        TwoGateways.await("messages still flowing", Duration.ofSeconds(60), () -> submitted.size() > before + 3);
        assertEquals(null, failure.get());
        // The gateway's own reads and writes went on: the chain it kept writing still verifies.
        Cli.Result again = Cli.run("log", "verify", "--config", yaml.toString(), "--data-dir", data.toString());
        assertEquals(0, again.code(), again.out());
    }

    @Test
    void logVerifyAndRotateKek_inASecondProcess_whileMessagesFlow_succeed_andMessagesStillDecrypt() throws Exception {
        startGatewayAndSubmit();
        String early = submitted.get(0);
        byte[] earlyXml = gateway.store()
                .message(Direction.OUT, "RU-GPO", early)
                .orElseThrow()
                .messageXml();

        Child verify = child("log", "verify", "--config", yaml.toString(), "--data-dir", data.toString());
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertTrue(verify.out().contains(", OK\n"), verify.out());

        Child search = child(
                "log",
                "search",
                "--config",
                yaml.toString(),
                "--data-dir",
                data.toString(),
                "--status",
                "QUEUED",
                "--limit",
                "5");
        assertEquals(0, search.code(), search.out() + search.err());
        assertTrue(search.out().contains("5 rows"), search.out());

        AtRest.writeKeyStore(keys.resolve("kz-gpo/kek.p12"), password(), "kek-2", new SecureRandom());
        Child rotate = child(
                "keys",
                "rotate-kek",
                "--config",
                yaml.toString(),
                "--data-dir",
                data.toString(),
                "--new-alias",
                "kek-2");
        assertEquals(0, rotate.code(), rotate.out() + rotate.err());
        assertTrue(rotate.out().contains("from 'kek-1' to 'kek-2'"), rotate.out());

        // A message stored before the rotation, and ones stored after it, still decrypt in the gateway.
        assertArrayEquals(
                earlyXml,
                gateway.store()
                        .message(Direction.OUT, "RU-GPO", early)
                        .orElseThrow()
                        .messageXml());
        int after = submitted.size();
        TwoGateways.await("messages after the rotation", Duration.ofSeconds(60), () -> submitted.size() > after + 3);
        String late = submitted.get(submitted.size() - 1);
        assertTrue(gateway.store()
                        .message(Direction.OUT, "RU-GPO", late)
                        .orElseThrow()
                        .messageXml()
                        .length
                > 0);
        assertEquals(null, failure.get());

        Child again = child("log", "verify", "--config", yaml.toString(), "--data-dir", data.toString());
        assertEquals(0, again.code(), again.out() + again.err());
    }

    @Test
    void theServedStore_isOnLoopback_behindAnOwnerOnlyEndpointFile() throws Exception {
        startGatewayAndSubmit();
        Path endpoint = data.resolve("gateway.endpoint");
        assertTrue(Files.isRegularFile(endpoint));
        assertEquals(null, OwnerOnly.exposedMode(endpoint));
        Properties p = new Properties();
        try (var in = Files.newInputStream(endpoint)) {
            p.load(in);
        }
        assertEquals("127.0.0.1", p.getProperty("host"));
        assertEquals(gateway.store().servedPort(), Integer.parseInt(p.getProperty("port")));
        assertEquals(64, p.getProperty("key").length());
        // Without the key, the server opens nothing: not the store by its path, not another database.
        for (String name : List.of(data.resolve("gateway").toString(), "mem:other")) {
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.sql.SQLException.class, () -> java.sql.DriverManager.getConnection(
                                    "jdbc:h2:tcp://127.0.0.1:" + gateway.store().servedPort() + "/" + name, "", "")
                            .close());
            assertEquals("28000", refused.getSQLState());
        }
        gateway.close();
        gateway = null;
        assertFalse(Files.exists(endpoint), "the endpoint file goes when the gateway stops");
    }

    @Test
    void logVerify_onAMissingStore_exitsOne_andCreatesNothing() {
        Path nowhere = dir.resolve("no-store-here");
        Cli.Result r = Cli.run("log", "verify", "--config", yaml.toString(), "--data-dir", nowhere.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("no store in " + nowhere.toAbsolutePath()), r.out());
        assertTrue(r.out().contains("gateway.mv.db not found"), r.out());
        assertFalse(Files.exists(nowhere), "no directory is created");
        for (String[] command : List.of(
                new String[] {"log", "search", "--config", yaml.toString(), "--data-dir", nowhere.toString()},
                new String[] {"log", "show", "--config", yaml.toString(), "--data-dir", nowhere.toString(), "m-1"},
                new String[] {
                    "log",
                    "anchor",
                    "--config",
                    yaml.toString(),
                    "--data-dir",
                    nowhere.toString(),
                    "--out",
                    dir.resolve("a").toString()
                },
                new String[] {"stats", "--config", yaml.toString(), "--data-dir", nowhere.toString(), "--year", "2025"
                })) {
            Cli.Result each = Cli.run(command);
            assertEquals(1, each.code(), String.join(" ", command) + ": " + each.out());
            assertTrue(each.out().contains("no store in"), each.out());
            assertFalse(Files.exists(nowhere), String.join(" ", command) + " created the directory");
        }
    }

    @Test
    void logSearch_withAnUnknownFilterValue_isAnError_namingTheAllowedValues() {
        Cli.Result status = Cli.run("log", "search", "--config", yaml.toString(), "--status", "FOO");
        assertEquals(2, status.code(), status.out());
        assertTrue(
                status.out()
                        .contains("Invalid status 'FOO'; one of RECEIVED, QUEUED, RETRYING, DELIVERED, FAILED,"
                                + " REJECTED"),
                status.out());
        Cli.Result direction = Cli.run("log", "search", "--config", yaml.toString(), "--direction", "SIDEWAYS");
        assertEquals(2, direction.code(), direction.out());
        assertTrue(direction.out().contains("IN or OUT"), direction.out());
        Cli.Result kind = Cli.run("log", "search", "--config", yaml.toString(), "--kind", "LETTER");
        assertEquals(2, kind.code(), kind.out());
        assertTrue(kind.out().contains("unknown --kind 'LETTER'; one of MLA_REQUEST, EXTRADITION_REQUEST"), kind.out());
        Cli.Result type = Cli.run("log", "search", "--config", yaml.toString(), "--request-type", "X");
        assertEquals(2, type.code(), type.out());
        assertTrue(type.out().contains("one of MLA, "), type.out());
        Cli.Result code = Cli.run("log", "search", "--config", yaml.toString(), "--error-code", "Oops");
        assertEquals(2, code.code(), code.out());
        assertTrue(code.out().contains("SignatureInvalid"), code.out());
    }

    record Child(int code, String out, String err) {}

    /** Runs {@code ./gateway args} as the launcher would, in a JVM of its own. */
    private Child child(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child did not end: " + String.join(" ", args));
        }
        return new Child(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private char[] password() throws IOException {
        return Files.readString(keys.resolve("kz-gpo/secrets/keystore.password"))
                .strip()
                .toCharArray();
    }
}
