package org.mlagateway.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.PersonFields;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.VerifyReport;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.LogEntries;
import org.mlagateway.testing.SampleDeployments;

/**
 * {@code ./gateway log export}: bundles of real messages that went through two gateways are
 * checked by running their VERIFY.md with xmlsec1, openssl and /bin/sh, and a tampered bundle fails
 * the step that covers what was changed. A bundle reveals no other case and no operator: their
 * entries travel as digests, and a changed digest is caught. The log and checkpoint steps need only
 * sh, sha256sum and openssl; the signature steps need xmlsec1 too (each skipped with a notice).
 */
class EvidenceExportTest {
    private static final List<String> COMMON_STEPS = List.of(
            "envelope-body",
            "envelope-signature",
            "envelope-signer",
            "receipt-signature",
            "receipt-signer",
            "receipt-envelope",
            "log-chain",
            "checkpoint-signature",
            "checkpoint-signer",
            "checkpoint-timestamp");

    @TempDir
    static Path dir;

    private static EvidenceFixture fixture;
    private static Path yaml;

    @BeforeAll
    static void start() {
        boolean tools = BundleSteps.logToolsPresent();
        if (!tools) {
            System.out.println("NOTICE: openssl or sha256sum not installed: evidence bundle tests skipped");
        }
        Assumptions.assumeTrue(tools, "openssl and coreutils are needed");
        if (!BundleSteps.xmlsecPresent()) {
            System.out.println("NOTICE: xmlsec1 not installed: the bundle tests that check XML signatures are skipped");
        }
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
        Cli.Result result = Cli.run(
                "log",
                "export",
                "--config",
                yaml.toString(),
                "--data-dir",
                fixture.kzData.toString(),
                "--direction",
                direction,
                fixture.messageId,
                "--out",
                zip.toString());
        assertEquals(0, result.code(), result.out());
        assertTrue(result.out().contains("log export: wrote"), result.out());
        return BundleSteps.unzip(Files.readAllBytes(zip), dir.resolve(folder));
    }

    private static String failures(Map<String, BundleSteps.Run> runs) {
        return runs.entrySet().stream()
                .filter(e -> !e.getValue().passed())
                .map(e -> e.getKey() + ":\n" + e.getValue().output())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void anIdStoredInBothDirections_isRefusedWithoutDirection_namingEach() {
        Cli.Result result = Cli.run(
                "log",
                "export",
                "--config",
                yaml.toString(),
                "--data-dir",
                fixture.kzData.toString(),
                fixture.messageId,
                "--out",
                dir.resolve("ambiguous.zip").toString());
        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.out().contains("IN/RU-GPO")
                        && result.out().contains("OUT/RU-GPO")
                        && result.out().contains("--direction"),
                result.out());
        assertFalse(Files.exists(dir.resolve("ambiguous.zip")));
    }

    @Test
    void unknownMessage_exitsOneWithNotFound() {
        Cli.Result result = Cli.run(
                "log",
                "export",
                "--config",
                yaml.toString(),
                "--data-dir",
                fixture.kzData.toString(),
                "no-such-id",
                "--out",
                dir.resolve("none.zip").toString());
        assertEquals(1, result.code(), result.out());
        assertTrue(result.out().contains("NotFound"), result.out());
    }

    private static void assumeXmlsec() {
        Assumptions.assumeTrue(BundleSteps.xmlsecPresent(), "xmlsec1 is needed (apt-get install xmlsec1)");
    }

    @Test
    void inboundBundle_passesEveryVerifyStep_withPublicTools() throws Exception {
        assumeXmlsec();
        Path bundle = export("IN", "in");
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertTrue(
                runs.keySet().containsAll(COMMON_STEPS) && runs.containsKey("content-digest"),
                runs.keySet().toString());
        assertEquals("", failures(runs));
        assertTrue(
                runs.get("envelope-signature").output().contains("SignedInfo References (ok/all): 2/2"),
                runs.get("envelope-signature").output());
        assertTrue(Files.readString(bundle.resolve("VERIFY.md")).contains("received from RU-GPO"));
    }

    @Test
    void outboundBundle_withThePartnersReceipt_passesEveryVerifyStep_withPublicTools() throws Exception {
        assumeXmlsec();
        Path bundle = export("OUT", "out");
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertTrue(runs.keySet().containsAll(COMMON_STEPS), runs.keySet().toString());
        assertEquals("", failures(runs));
        assertTrue(Files.readString(bundle.resolve("VERIFY.md")).contains("sent to RU-GPO"));
        assertTrue(
                Files.readString(bundle.resolve("CHECKS.txt")).lines().allMatch(l -> l.startsWith("PASS")),
                Files.readString(bundle.resolve("CHECKS.txt")));
    }

    @Test
    void oneChangedByteInTheEnvelope_failsTheStepsThatCoverIt() throws Exception {
        assumeXmlsec();
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
        assertTrue(
                again.get("envelope-body").passed(), again.get("envelope-body").output());
        assertFalse(
                again.get("envelope-signature").passed(),
                again.get("envelope-signature").output());
    }

    @Test
    void oneChangedLogLine_failsTheChainStep() throws Exception {
        Path bundle = SampleDeployments.copy(export("OUT", "out-log"), dir.resolve("tampered-log"));
        Path entries = bundle.resolve("log/entries.txt");
        String text = Files.readString(entries);
        Files.writeString(entries, text.replaceFirst("\u001fdelivered\u001f", "\u001fdeliverex\u001f"));
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertFalse(runs.get("log-chain").passed());
        assertTrue(
                runs.get("log-chain").output().contains("its fields do not give its hash"),
                runs.get("log-chain").output());
        assertTrue(
                runs.get("checkpoint-signature").passed(),
                runs.get("checkpoint-signature").output());
    }

    @Test
    void aChangedCheckpoint_failsItsSignatureAndTimeStamp() throws Exception {
        Path bundle = SampleDeployments.copy(export("OUT", "out-checkpoint"), dir.resolve("tampered-checkpoint"));
        Path cp = bundle.resolve("log/checkpoint.txt");
        List<String> lines = Files.readAllLines(cp);
        Files.writeString(
                cp,
                lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2) + "\n" + (Long.parseLong(lines.get(3)) + 1)
                        + "\n");
        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertFalse(
                runs.get("checkpoint-signature").passed(),
                runs.get("checkpoint-signature").output());
        assertFalse(
                runs.get("checkpoint-timestamp").passed(),
                runs.get("checkpoint-timestamp").output());
        assertTrue(runs.get("log-chain").passed(), runs.get("log-chain").output());
    }

    /** Every file of an unzipped bundle as text (ISO-8859-1, so any byte sequence is searchable). */
    private static String everything(Path bundle) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(f.getFileName())
                        .append('\n')
                        .append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
        }
        return all.toString();
    }

    private static List<String> lines(Path bundle) throws IOException {
        return Files.readAllLines(bundle.resolve("log/entries.txt"));
    }

    private static long seq(String line) {
        return BundleLog.parse(line).seq();
    }

    @Test
    void aBundle_revealsNoOtherCase_andNoOperator_yetItsChainVerifies() throws Exception {
        Path bundle = export("OUT", "private-out");
        List<String> lines = lines(bundle);
        long first = seq(lines.get(0));
        long last = seq(lines.get(lines.size() - 1));
        // What must not show lies inside the bundle's segment: the other case, the login, the export, the read.
        List<LogEntry> hidden = new java.util.ArrayList<>(fixture.kz.store().timeline(fixture.otherMessageId));
        hidden.addAll(LogEntries.latest(fixture.kz.store(), "ops-login", 1));
        hidden.addAll(LogEntries.latest(fixture.kz.store(), "ops-evidence-exported", 1));
        hidden.addAll(LogEntries.latest(fixture.kz.store(), PersonFields.READ_EVENT, 1));
        assertTrue(
                hidden.stream().filter(e -> e.seq() > first && e.seq() < last).count() >= 4,
                "the other case's and the operator's entries lie between seq " + first + " and " + last);
        String inConversation = fixture.kzMessage(Direction.IN).conversationId();
        assertFalse(inConversation.equals(fixture.kzMessage(Direction.OUT).conversationId()));

        String all = everything(bundle);
        for (String secret : List.of(
                fixture.otherMessageId, fixture.otherConversationId, inConversation, EvidenceFixture.OPERATOR)) {
            assertFalse(all.contains(secret), "the bundle reveals " + secret);
        }
        Path in = export("IN", "private-in");
        String allIn = everything(in);
        for (String secret : List.of(
                fixture.otherMessageId,
                fixture.otherConversationId,
                fixture.kzMessage(Direction.OUT).conversationId(),
                EvidenceFixture.OPERATOR)) {
            assertFalse(allIn.contains(secret), "the inbound bundle reveals " + secret);
        }

        for (Path b : List.of(bundle, in)) {
            BundleSteps.Run chain = BundleSteps.run(b, BundleSteps.steps(b).get("log-chain"));
            assertTrue(chain.passed(), chain.output());
            assertFalse(chain.output().contains("; 0 of other cases as digests only"), chain.output());
            BundleSteps.Run signature = BundleSteps.run(b, BundleSteps.steps(b).get("checkpoint-signature"));
            assertTrue(signature.passed(), signature.output());
            assertTrue(lines(b).stream()
                    .filter(l -> l.startsWith("d\u001f"))
                    .allMatch(l -> l.split("\u001f").length == 3));
        }
        assertTrue(Files.readString(bundle.resolve("VERIFY.md"))
                .contains("entries of other cases, which this bundle" + " does not disclose"));
    }

    @Test
    void aChangedDigest_failsTheChainStep_andTheBundleReader() throws Exception {
        Path bundle = SampleDeployments.copy(export("OUT", "out-digest"), dir.resolve("tampered-digest"));
        String checkpointed =
                Files.readAllLines(bundle.resolve("log/checkpoint.txt")).get(2);
        BundleLog.Chain intact = walk(lines(bundle));
        assertEquals(null, intact.problem());
        assertEquals(checkpointed, intact.hash());

        List<String> lines = new java.util.ArrayList<>(lines(bundle));
        int at = 0;
        while (!lines.get(at).startsWith("d\u001f")) {
            at++;
        }
        String line = lines.get(at);
        char c = line.charAt(line.length() - 1);
        lines.set(at, line.substring(0, line.length() - 1) + (c == '0' ? '1' : '0'));
        Files.write(bundle.resolve("log/entries.txt"), lines);

        Map<String, BundleSteps.Run> runs = BundleSteps.runAll(bundle);
        assertFalse(runs.get("log-chain").passed(), runs.get("log-chain").output());
        assertTrue(
                runs.get("checkpoint-signature").passed(),
                runs.get("checkpoint-signature").output());
        BundleLog.Chain tampered = walk(lines);
        assertTrue(
                tampered.problem() != null || !checkpointed.equals(tampered.hash()),
                "the bundle reader does not notice the changed digest at line " + (at + 1));
    }

    @Test
    void aChangedFieldOfAnEntryThatTravelsAsADigest_isCaughtByTheStoreAndTheGatewaysChecks() throws Exception {
        Path bundle = export("OUT", "out-stored-digest");
        long digestSeq = lines(bundle).stream()
                .filter(l -> l.startsWith("d\u001f"))
                .mapToLong(EvidenceExportTest::seq)
                .findFirst()
                .orElseThrow();
        LogEntry entry = fixture.kz.store().logPage(digestSeq - 1, digestSeq, 1).get(0);
        sql("UPDATE message_log SET details = ? WHERE seq = ?", "{\"n\":1}", digestSeq);
        try {
            VerifyReport report = fixture.kz.store().verify(1, ProgressListener.NONE);
            assertEquals(
                    new VerifyReport.Problem(
                            digestSeq, VerifyReport.Kind.ALTERED, "fields do not match the stored hash"),
                    report.problem().orElseThrow());
            Evidence.Report evidence = fixture.kz
                    .evidence()
                    .verify(fixture.kzMessage(Direction.OUT).pk());
            assertEquals(
                    Evidence.Outcome.FAIL,
                    evidence.check(Evidence.LOG_ENTRIES).orElseThrow().outcome(),
                    evidence.describe());
            assertEquals(
                    Evidence.Outcome.FAIL,
                    evidence.check(Evidence.LOG_CHAIN).orElseThrow().outcome(),
                    evidence.describe());
        } finally {
            sql("UPDATE message_log SET details = ? WHERE seq = ?", entry.details(), digestSeq);
        }
        assertTrue(fixture.kz.store().verify(1, ProgressListener.NONE).ok());
    }

    private static BundleLog.Chain walk(List<String> lines) {
        BundleLog.Chain chain = new BundleLog.Chain();
        lines.forEach(l -> chain.accept(BundleLog.parse(l)));
        return chain;
    }

    /** SQL on KZ-GPO's embedded store, opened alongside the running gateway (store.Dialect's settings). */
    private static void sql(String statement, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:" + fixture.kzData.resolve("gateway").toAbsolutePath()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                                + ";WRITE_DELAY=0;LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE");
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
