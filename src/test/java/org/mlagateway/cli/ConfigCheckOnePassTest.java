package org.mlagateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;

/**
 * {@code config check} reports every problem of a configuration in one pass: a misspelt key, a
 * missing key store, a missing partner certificate and a database nobody answers for, seeded
 * together; and it warns of the SAMPLE keys and of a plain-HTTP internal listener beyond loopback.
 */
class ConfigCheckOnePassTest {
    @TempDir
    Path dir;

    @Test
    void seededProblems_areAllReportedInOneRun() throws Exception {
        Path keys = SampleDeployments.generate(dir.resolve("keys"));
        Path yaml = keys.resolve("kz-gpo/gateway.yaml");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        String text = Files.readString(yaml);
        String seeded = replace(
                replace(
                        replace(
                                replace(text, "  maxDocuments: 100", "  maxDocuments: 100\n  maxDocumnets: 5"),
                                "keystore: tls.p12",
                                "keystore: tls-missing.p12"),
                        "internal: { host: 127.0.0.1, port: 8080 }",
                        "internal: { host: 0.0.0.0, port: 8080 }"),
                "  dataDir: data ",
                "  jdbcUrl: \"jdbc:postgresql://127.0.0.1:" + closed
                        + "/mla?user=gw&password=s3cret\"\n  dataDir: data ");
        Files.delete(keys.resolve("kz-gpo/partners/ru-gpo/encryption.pem"));
        Files.writeString(yaml, seeded);

        Cli.Result r = Cli.run("config", "check", "--config", yaml.toString());
        String out = r.out();
        assertEquals(1, r.code(), out);
        assertTrue(out.contains("problem: unknown key 'limits.maxDocumnets'"), out);
        assertTrue(out.contains("problem: keys.tls: key store tls-missing.p12 not found: "), out);
        assertTrue(
                out.contains("problem: partners[0].encryptionCertificate: certificate encryption.pem not found: "),
                out);
        assertTrue(
                out.contains("problem: storage.jdbcUrl: cannot reach the database jdbc:postgresql://127.0.0.1:" + closed
                        + "/mla (SQLState 08001)"),
                out);
        assertTrue(!out.contains("s3cret"), out);
        assertTrue(out.contains("warning: keys.signing: WARNING: SAMPLE key material"), out);
        assertTrue(out.contains("warning: listeners.internal.host: WARNING: the internal listener"), out);
        assertTrue(out.contains("config check: 4 problem(s)"), out);
    }

    private static String replace(String text, String what, String with) {
        assertTrue(text.contains(what), what);
        return text.replace(what, with);
    }
}
