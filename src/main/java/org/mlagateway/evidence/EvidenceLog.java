package org.mlagateway.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.mlagateway.evidence.Evidence.Check;
import org.mlagateway.message.PersonFields;
import org.mlagateway.store.Checkpoint;
import org.mlagateway.store.LogCheckpoints;
import org.mlagateway.store.LogEncoding;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.StoredMessage;

/**
 * A message's segment of the hash chain: every entry from the message's first entry up to the
 * nearest checkpoint at or after its last, so that the checkpoint's signature covers them all.
 * Without such a checkpoint yet, the segment ends at the head and is not covered. Read a page at a
 * time, so a long segment never sits in memory.
 *
 * <p>The bundle carries only the message's own entries in full ({@link BundleLog}): those of its
 * timeline, except looks at it ({@code ops-downloaded}, {@code ops-verified},
 * {@code ops-evidence-exported}, and {@code person-data-read} by an operator, an auditor or an API
 * client), which are the gateway's internal audit and name its staff. Every other entry in between
 * (other cases, logins, those looks) travels as its v2 digest only, unless it was written before
 * log encoding v2 and so has no digest form.
 */
final class EvidenceLog {
    static final int PAGE = 10_000;
    /** The prefix of the events that record an operator's look at a message. */
    static final String OPERATOR_EVENTS = "ops-";

    /** Whether an entry records a look at the message rather than a step of its life. */
    static boolean isLook(LogEntry e) {
        return e.event().startsWith(OPERATOR_EVENTS) || PersonFields.READ_EVENT.equals(e.event());
    }

    /**
     * The message's own entries (those the bundle carries in full), the segment's bounds and
     * checkpoint (null when not covered), and where log encoding v2 begins.
     */
    record Segment(
            List<LogEntry> messageEntries,
            Set<Long> ownSeqs,
            long firstSeq,
            long endSeq,
            Checkpoint checkpoint,
            long v2FromSeq) {
        boolean covered() {
            return checkpoint != null;
        }

        long lastMessageSeq() {
            return messageEntries.get(messageEntries.size() - 1).seq();
        }

        BundleLog.Line line(LogEntry e) {
            return BundleLog.line(e, ownSeqs.contains(e.seq()));
        }
    }

    private EvidenceLog() {}

    /** Empty when no entry is about the message (its timeline, keyed by direction, partner and id). */
    static Optional<Segment> of(MessageLog log, LogCheckpoints checkpoints, StoredMessage message) {
        List<LogEntry> entries =
                log.timeline(message.pk()).stream().filter(e -> !isLook(e)).toList();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        long first = entries.get(0).seq();
        long last = entries.get(entries.size() - 1).seq();
        Optional<Checkpoint> cp = checkpoints.checkpointAtOrAfter(last);
        long end = cp.map(Checkpoint::seq).orElseGet(() -> Math.max(last, log.logHeadSeq()));
        Set<Long> own = entries.stream().map(LogEntry::seq).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new Segment(entries, own, first, end, cp.orElse(null), log.logV2FromSeq()));
    }

    /** Every stored entry of the segment, in seq order (a deleted entry is simply absent). */
    static void forEach(MessageLog log, Segment s, Consumer<LogEntry> action) {
        long after = s.firstSeq() - 1;
        while (after < s.endSeq()) {
            List<LogEntry> page = log.logPage(after, s.endSeq(), PAGE);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(action);
            after = page.get(page.size() - 1).seq();
        }
    }

    /**
     * The checks of the segment: each stored entry is in the encoding its seq calls for and its
     * fields give its stored hash ({@code log-entries}); the lines the bundle carries re-walk as
     * {@code VERIFY.md} walks them, seq without gaps and every link ({@code log-chain}); and the
     * covering checkpoint ({@code checkpoint}) names the hash the chain reaches and verifies as the
     * store's {@code log verify} judges it.
     */
    static List<Check> check(MessageLog log, LogCheckpoints checkpoints, Segment s) {
        Walk walk = new Walk(s);
        forEach(log, s, walk);
        List<Check> checks = new ArrayList<>();
        String range = "seq " + s.firstSeq() + " to " + s.endSeq();
        checks.add(
                walk.badHash == null
                        ? Check.pass(
                                Evidence.LOG_ENTRIES,
                                walk.chain.count() + " entries (" + range + ") each give their stored hash")
                        : Check.fail(Evidence.LOG_ENTRIES, walk.badHash));
        String badLink = walk.chain.problem();
        if (badLink == null && walk.last != null && walk.last.seq() != s.endSeq()) {
            badLink = "the segment ends at seq " + walk.last.seq() + " but should reach seq " + s.endSeq();
        }
        checks.add(
                badLink == null
                        ? Check.pass(
                                Evidence.LOG_CHAIN,
                                "each prev_hash is the hash of the entry before, " + range + " (" + walk.chain.digests()
                                        + " entries of other cases as digests only)")
                        : Check.fail(Evidence.LOG_CHAIN, badLink));
        checks.add(checkpoint(checkpoints, s, walk));
        return checks;
    }

    private static Check checkpoint(LogCheckpoints checkpoints, Segment s, Walk walk) {
        LogEntry last = walk.last;
        if (!s.covered()) {
            return Check.skipped(
                    Evidence.CHECKPOINT,
                    "no signed checkpoint covers seq " + s.lastMessageSeq() + " yet (the head is seq " + s.endSeq()
                            + "; one is written within log.checkpointEvery)");
        }
        if (last == null || last.seq() != s.checkpoint().seq()) {
            return Check.fail(
                    Evidence.CHECKPOINT,
                    "the entry checkpointed at seq " + s.checkpoint().seq() + " is missing");
        }
        if (walk.chain.problem() == null && !s.checkpoint().entryHash().equals(walk.chain.hash())) {
            return Check.fail(
                    Evidence.CHECKPOINT,
                    "seq " + last.seq() + ": the bundle's chain reaches another hash" + " than the checkpointed one");
        }
        return checkpoints
                .checkpointProblem(s.checkpoint(), last)
                .map(p -> Check.fail(Evidence.CHECKPOINT, "seq " + last.seq() + ": " + p))
                .orElseGet(() -> Check.pass(
                        Evidence.CHECKPOINT,
                        "the checkpoint at seq " + last.seq()
                                + " names its hash and its signature verifies"
                                + (s.checkpoint().timestampToken() != null ? ", with its RFC 3161 time-stamp" : "")));
    }

    /** Walks the segment once: the stored entries' hashes, and the bundle's lines through a {@link BundleLog.Chain}. */
    private static final class Walk implements Consumer<LogEntry> {
        private final Segment segment;
        private final BundleLog.Chain chain = new BundleLog.Chain();
        private LogEntry last;
        private String badHash;

        Walk(Segment segment) {
            this.segment = segment;
        }

        @Override
        public void accept(LogEntry e) {
            LogEncoding expected = LogEncoding.at(e.seq(), segment.v2FromSeq());
            if (badHash == null && e.encoding() != expected) {
                badHash = "seq " + e.seq() + ": it is in log encoding "
                        + e.encoding().label() + " but the log is in" + " v2 from seq " + segment.v2FromSeq()
                        + " (the entry was altered)";
            }
            if (badHash == null && !e.hashMatches()) {
                badHash = "seq " + e.seq() + ": its fields do not give its stored hash (the entry was altered)";
            }
            chain.accept(segment.line(e));
            last = e;
        }
    }
}
