package org.mlagateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.testing.TestPki;

/**
 * The TLS policy as an independent client sees it: {@code openssl s_client} against a real
 * listener. TLS 1.2 negotiates only ECDHE with AEAD (no static RSA, no CBC/SHA-1), TLS 1.3 works.
 * Skipped, with a notice, where openssl is not installed.
 */
class TlsCipherSuitesTest {
    private static TestListener listener;

    /** What one s_client run said: its exit code and its output. */
    private record Run(int exit, String output) {
        boolean negotiated(String line) {
            return exit == 0 && output.contains(line);
        }
    }

    @BeforeAll
    static void start() {
        boolean openssl;
        try {
            openssl = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            openssl = false;
        }
        if (!openssl) {
            System.err.println("NOTICE: openssl is not installed; TlsCipherSuitesTest is skipped");
        }
        assumeTrue(openssl, "openssl is not installed");
        listener = TestListener.tls(ListenerLimitsConfig.defaults(), TestPki.create("KZ-GPO", "KZ"));
    }

    @AfterAll
    static void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    private static Run sClient(String... options) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("openssl", "s_client", "-brief", "-connect", "127.0.0.1:" + listener.port()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close(); // no request: only the handshake
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
        return new Run(process.exitValue(), output);
    }

    @Test
    void tls12_refusesStaticRsaAndCbcSha1Suites() throws Exception {
        for (String weak : List.of(
                "AES256-GCM-SHA384",
                "AES128-GCM-SHA256",
                "AES128-SHA",
                "AES256-SHA256",
                "ECDHE-RSA-AES128-SHA",
                "ECDHE-RSA-AES256-SHA384",
                "DHE-RSA-AES128-GCM-SHA256")) {
            Run run = sClient("-tls1_2", "-cipher", weak);
            assertNotEquals(0, run.exit(), weak + " was negotiated:\n" + run.output());
        }
    }

    @Test
    void tls12_acceptsEcdheWithAead() throws Exception {
        for (String strong :
                List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305")) {
            Run run = sClient("-tls1_2", "-cipher", strong);
            assertTrue(run.negotiated("Ciphersuite: " + strong), strong + " was refused:\n" + run.output());
            assertTrue(run.output().contains("Protocol version: TLSv1.2"), run.output());
        }
    }

    @Test
    void tls13_works_andOlderProtocolsDoNot() throws Exception {
        Run tls13 = sClient("-tls1_3");
        assertTrue(tls13.negotiated("Protocol version: TLSv1.3"), tls13.output());
        assertEquals(0, tls13.exit());
        assertNotEquals(0, sClient("-tls1_1").exit(), "TLS 1.1 was negotiated");
    }

    @Test
    void serverPrefersTheStrongestSuite() throws Exception {
        Run run = sClient("-tls1_2");
        assertTrue(run.negotiated("Ciphersuite: ECDHE-RSA-AES256-GCM-SHA384"), run.output());
    }
}
