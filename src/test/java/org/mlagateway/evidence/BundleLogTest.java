package org.mlagateway.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEncoding;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.LogHash;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;

/**
 * The lines of a bundle's {@code log/entries.txt}: own entries and v1 entries in full, other v2
 * entries as (seq, digest); the chain re-walks to the same hash, and any change is caught.
 */
class BundleLogTest {
    private static final String US = "\u001f";

    /** A chain of six entries: seq 1 to 3 in v1 (written before the upgrade), 4 to 6 in v2. */
    private static List<LogEntry> chain() {
        List<LogEntry> out = new ArrayList<>();
        String prev = LogHash.GENESIS;
        for (int seq = 1; seq <= 6; seq++) {
            String mid = "case-" + seq;
            String details = "{\"n\":" + seq + "}";
            String salt = seq >= 4 ? String.format("%032x", seq * 7919L) : null;
            LogEncoding encoding = LogEncoding.at(seq, 4);
            String hash = encoding.hash(
                    seq, 1000L * seq, "routed", mid, seq == 5 ? null : "conv-" + seq, "olga", details, salt, prev);
            out.add(new LogEntry(
                    seq,
                    1000L * seq,
                    "routed",
                    mid,
                    seq == 5 ? null : "conv-" + seq,
                    "olga",
                    details,
                    salt,
                    prev,
                    hash));
            prev = hash;
        }
        return out;
    }

    /** Seq 2 and 5 are the message's own. */
    private static List<String> lines(List<LogEntry> entries) {
        return entries.subList(1, entries.size()).stream()
                .map(e -> BundleLog.format(BundleLog.line(e, e.seq() == 2 || e.seq() == 5)))
                .map(l -> l.substring(0, l.length() - 1))
                .toList();
    }

    private static BundleLog.Chain walk(List<String> lines) {
        BundleLog.Chain chain = new BundleLog.Chain();
        lines.forEach(l -> chain.accept(BundleLog.parse(l)));
        return chain;
    }

    @Test
    void ownAndV1EntriesAreInFull_otherV2EntriesAreDigestsOnly() {
        List<LogEntry> entries = chain();
        List<String> lines = lines(entries);

        assertEquals(
                List.of("v1", "v1", "d", "v2", "d"),
                lines.stream().map(l -> l.split(US)[0]).toList());
        assertEquals("d" + US + "4" + US + entries.get(3).digest(), lines.get(2));
        assertFalse(String.join("\n", lines).contains("case-4"), "another case's id shows");
        assertFalse(String.join("\n", lines).contains("case-6"), "another case's id shows");
        assertTrue(lines.get(1).contains("case-3"), "a v1 entry has no digest form and is in full");
        assertEquals(
                String.join(
                        US,
                        "v2",
                        "5",
                        "5000",
                        "routed",
                        "case-5",
                        "",
                        "olga",
                        "{\"n\":5}",
                        entries.get(4).salt(),
                        entries.get(4).prevHash(),
                        entries.get(4).hash()),
                lines.get(3));
    }

    @Test
    void parse_readsBackWhatFormatWrote() {
        for (LogEntry e : chain()) {
            BundleLog.Line full = BundleLog.line(e, true);
            String text = BundleLog.format(full);
            assertEquals(full, BundleLog.parse(text.substring(0, text.length() - 1)));
        }
        BundleLog.Line digest = BundleLog.line(chain().get(5), false);
        assertInstanceOf(BundleLog.DigestOnly.class, digest);
        String text = BundleLog.format(digest);
        assertEquals(digest, BundleLog.parse(text.substring(0, text.length() - 1)));
    }

    @Test
    void theChain_reachesTheLastEntrysHash_acrossBothEncodingsAndDigests() {
        List<LogEntry> entries = chain();
        BundleLog.Chain chain = walk(lines(entries));

        assertNull(chain.problem());
        assertEquals(6, chain.lastSeq());
        assertEquals(entries.get(5).hash(), chain.hash());
        assertEquals(5, chain.count());
        assertEquals(2, chain.digests());
    }

    @Test
    void aChangedDigest_changesTheHashTheChainReaches_orBreaksTheNextLink() {
        List<LogEntry> entries = chain();
        List<String> lines = new ArrayList<>(lines(entries));
        lines.set(4, "d" + US + "6" + US + "0".repeat(64));
        assertNull(walk(lines).problem());
        assertFalse(entries.get(5).hash().equals(walk(lines).hash()), "the checkpointed hash is no longer reached");

        lines = new ArrayList<>(lines(entries));
        lines.set(2, "d" + US + "4" + US + "f".repeat(64));
        assertEquals("seq 5: prev_hash is not the hash of seq 4", walk(lines).problem());
    }

    @Test
    void aChangedFieldOfAV2OrV1Entry_isCaught() {
        List<String> lines = new ArrayList<>(lines(chain()));
        lines.set(3, lines.get(3).replace("olga", "mallory"));
        assertEquals("seq 5: its fields do not give its hash", walk(lines).problem());

        lines = new ArrayList<>(lines(chain()));
        lines.set(0, lines.get(0).replace("5000", "5001").replace("2000", "2001"));
        assertEquals("seq 2: its fields do not give its hash", walk(lines).problem());

        lines = new ArrayList<>(lines(chain()));
        String salt = chain().get(4).salt();
        lines.set(3, lines.get(3).replace(salt, "x" + salt.substring(1)));
        assertEquals("seq 5: its fields do not give its hash", walk(lines).problem());
    }

    @Test
    void aLeftOutOrLeadingDigestLine_isCaught() {
        List<String> lines = new ArrayList<>(lines(chain()));
        lines.remove(2);
        assertEquals("seq 4 is missing (the next line is seq 5)", walk(lines).problem());

        lines = new ArrayList<>(lines(chain()));
        assertEquals(
                "seq 4: the first line must be an entry in full",
                walk(lines.subList(2, 5)).problem());
    }

    @Test
    void malformedLines_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> BundleLog.parse("x" + US + "1"));
        assertThrows(IllegalArgumentException.class, () -> BundleLog.parse("d" + US + "1" + US + "abc"));
        assertThrows(IllegalArgumentException.class, () -> BundleLog.parse("v2" + US + "1"));
        assertThrows(IllegalArgumentException.class, () -> BundleLog.parse("d" + US + "one" + US + "0".repeat(64)));
    }

    /**
     * VERIFY.md's log-chain step, as BundleGuide writes it, run with /bin/sh on a segment that
     * crosses the upgrade: v1 lines, a v2 line and digest lines.
     */
    @Test
    void theLogChainStep_passesASegmentOfBothEncodings_andFailsWhenALineChanges(@TempDir Path dir) throws Exception {
        boolean tools = BundleSteps.logToolsPresent();
        if (!tools) {
            System.out.println("NOTICE: sha256sum or openssl not installed: the log-chain step is not run");
        }
        Assumptions.assumeTrue(tools, "sh and coreutils are needed");
        List<LogEntry> entries = chain();
        List<String> lines = lines(entries);
        StoredMessage m = new StoredMessage(
                1,
                "case-2",
                Direction.IN,
                "RU-GPO",
                "MutualLegalAssistanceRequest",
                null,
                "conv-2",
                null,
                MessageStatus.RECEIVED,
                Instant.EPOCH,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                new byte[0],
                "0".repeat(64),
                null);
        BundleGuide guide = new BundleGuide(m, true);
        guide.logChain(2, 6, List.of(entries.get(1), entries.get(4)), 2, 1, 4);
        Files.writeString(dir.resolve("VERIFY.md"), guide.render("KZ-GPO"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(
                dir.resolve("log/checkpoint.txt"),
                "mla-gateway-checkpoint-v1\n6\n" + entries.get(5).hash() + "\n1\n");
        Files.writeString(dir.resolve("log/entries.txt"), String.join("\n", lines) + "\n");
        String step = BundleSteps.steps(dir).get("log-chain");

        BundleSteps.Run run = BundleSteps.run(dir, step);
        assertTrue(run.passed(), run.output());
        assertTrue(
                run.output()
                        .contains("log chain OK: 5 entries up to seq 6, the checkpointed one; 2 of other"
                                + " cases as digests only"),
                run.output());
        assertTrue(Files.readString(dir.resolve("VERIFY.md")).contains("1 entries of other cases were written before"));

        for (int i = 0; i < lines.size(); i++) {
            List<String> changed = new ArrayList<>(lines);
            String line = changed.get(i);
            changed.set(i, line.substring(0, line.length() - 1) + (line.endsWith("0") ? "1" : "0"));
            Files.writeString(dir.resolve("log/entries.txt"), String.join("\n", changed) + "\n");
            assertFalse(BundleSteps.run(dir, step).passed(), "a changed last character of line " + (i + 1));
        }
    }
}
