package org.mlagateway.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.SampleDeployments;

/**
 * {@code ./gateway log export}: bundles of real messages that went through two gateways are
 * checked by running their VERIFY.md with xmlsec1, openssl and sh, and a tampered bundle fails the
 * step that covers what was changed.
 */
class EvidenceExportTest {
    private static final List<String> COMMON_STEPS = List.of("envelope-body", "envelope-signature", "envelope-signer",
            "receipt-signature", "receipt-signer", "receipt-envelope", "log-chain", "checkpoint-signature",
            "checkpoint-signer", "checkpoint-timestamp");

    @TempDir
    static Path dir;
    private static EvidenceFixture fixture;
    private static Path yaml;

    @BeforeAll
    static void start() {
        boolean tools = BundleSteps.toolsPresent();
        if (!tools) {
            System.out.println("NOTICE: xmlsec1, openssl or sha256sum not installed: evidence bundle tests skipped");
        }
        Assumptions.assumeTrue(tools, "xmlsec1, openssl and coreutils are needed (apt-get install xmlsec1)");
        fixture = EvidenceFixture.start(dir);
        // The gateway's own checkpoint, time-stamped by its TSA, as its schedule would write one.
        assertTrue(fixture.kz.store().checkpoint().isPresent());
        yaml = fixture.deployment.resolve("kz-gpo/gateway.yaml");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Exports with the command, as an operator would, and unzips into a fresh folder. */
    private static Path export(String direction, String folder) throws Exception {
        Path zip = dir.resolve(folder + ".zip");
        Cli.Result result = Cli.run("log", "export", "--config", yaml.toString(), "--data-dir", fixture.kzData.toString(),
                "--direction", direction, fixture.messageId, "--out", zip.toString());
        assertEquals(0, result.code(), result.out());
        assertTrue(result.out().contains("log export: wrote"), result.out());
        return BundleSteps.unzip(Files.readAllBytes(zip), dir.resolve(folder));
    }

    private static String failures(Map<String, BundleSteps.Run> runs) {
        return runs.entrySet().stream().filter(e -> !e.getValue().passed())
                .map(e -> e.getKey() + ":\n" + e.getValue().output()).collect(Collectors.joining("\n"));
    }

    @Test
    void anIdStoredInBothDirections_isRefusedWithoutDirection_namingEach() {
        Cli.Result result = Cli.run("log", "export", "--config", yaml.toString(), "--data-dir", fixture.kzData.toString(),
                fixture.messageId, "--out", dir.resolve("ambiguous.zip").toString());
        assertEquals(1, result.code(), result.out());
        assertTrue(result.out().contains("IN/RU-GPO") && result.out().contains("OUT/RU-GPO")
                && result.out().contains("--direction"), result.out());
        assertFalse(Files.exists(dir.resolve("ambiguous.zip")));
    }

    @Test
    void unknownMessage_exitsOneWithNotFound() {
        Cli.Result result = Cli.run("log", "export", "--config", yaml.toString(), "--data-dir", fixture.kzData.toString(),
                "no-such-id", "--out", dir.resolve("none.zip").toString());
        assertEquals(1, result.code(), result.out());
        assertTrue(result.out().contains("NotFound"), result.out());
    }

    @Test
    void inboundBundle_passesEveryVerifyStep_withPublicTools() throws Exception {
        Path bundle = export("IN", "in");
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertTrue(runs.keySet().containsAll(COMMON_STEPS) && runs.containsKey("content-digest"), runs.keySet().toString());
        assertEquals("", failures(runs));
        assertTrue(runs.get("envelope-signature").output().contains("SignedInfo References (ok/all): 2/2"),
                runs.get("envelope-signature").output());
        assertTrue(Files.readString(bundle.resolve("VERIFY.md")).contains("received from RU-GPO"));
    }

    @Test
    void outboundBundle_withThePartnersReceipt_passesEveryVerifyStep_withPublicTools() throws Exception {
        Path bundle = export("OUT", "out");
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertTrue(runs.keySet().containsAll(COMMON_STEPS), runs.keySet().toString());
        assertEquals("", failures(runs));
        assertTrue(Files.readString(bundle.resolve("VERIFY.md")).contains("sent to RU-GPO"));
        assertTrue(Files.readString(bundle.resolve("CHECKS.txt")).lines().allMatch(l -> l.startsWith("PASS")),
                Files.readString(bundle.resolve("CHECKS.txt")));
    }

    @Test
    void oneChangedByteInTheEnvelope_failsTheStepsThatCoverIt() throws Exception {
        Path bundle = SampleDeployments.copy(export("IN", "in-envelope"), dir.resolve("tampered-envelope"));
        byte[] envelope = Files.readAllBytes(bundle.resolve("envelope.xml"));
        int at = new String(envelope, StandardCharsets.UTF_8).indexOf("<wsu:Created>") + "<wsu:Created>".length() + 3;
        envelope[at] = (byte) (envelope[at] == '1' ? '2' : '1');
        Files.write(bundle.resolve("envelope.xml"), envelope);
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertFalse(runs.get("receipt-envelope").passed(), "the receipt names the original envelope's digest");
        assertFalse(runs.get("envelope-body").passed(), "envelope-decrypted.xml no longer rebuilds from envelope.xml");
        assertTrue(runs.get("log-chain").passed(), runs.get("log-chain").output());

        // The same change made consistently in the rebuilt envelope breaks its signature instead.
        byte[] rebuilt = Files.readAllBytes(bundle.resolve("envelope-decrypted.xml"));
        rebuilt[at] = envelope[at];
        Files.write(bundle.resolve("envelope-decrypted.xml"), rebuilt);
        Map<String, BundleSteps.Run> again = BundleSteps.runAll(bundle);
        assertTrue(again.get("envelope-body").passed(), again.get("envelope-body").output());
        assertFalse(again.get("envelope-signature").passed(), again.get("envelope-signature").output());
    }

    @Test
    void oneChangedLogLine_failsTheChainStep() throws Exception {
        Path bundle = SampleDeployments.copy(export("OUT", "out-log"), dir.resolve("tampered-log"));
        Path entries = bundle.resolve("log/entries.txt");
        String text = Files.readString(entries);
        Files.writeString(entries, text.replaceFirst("\u001fdelivered\u001f", "\u001fdeliverex\u001f"));
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertFalse(runs.get("log-chain").passed());
        assertTrue(runs.get("log-chain").output().contains("its fields do not give its hash"), runs.get("log-chain").output());
        assertTrue(runs.get("checkpoint-signature").passed(), runs.get("checkpoint-signature").output());
    }

    @Test
    void aChangedCheckpoint_failsItsSignatureAndTimeStamp() throws Exception {
        Path bundle = SampleDeployments.copy(export("OUT", "out-checkpoint"), dir.resolve("tampered-checkpoint"));
        Path cp = bundle.resolve("log/checkpoint.txt");
        List<String> lines = Files.readAllLines(cp);
        Files.writeString(cp, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2) + "\n"
                + (Long.parseLong(lines.get(3)) + 1) + "\n");
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertFalse(runs.get("checkpoint-signature").passed(), runs.get("checkpoint-signature").output());
        assertFalse(runs.get("checkpoint-timestamp").passed(), runs.get("checkpoint-timestamp").output());
        assertTrue(runs.get("log-chain").passed(), runs.get("log-chain").output());
    }
}
