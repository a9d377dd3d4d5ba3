package org.mlagateway.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mlagateway.ops.Evidence.Check;
import org.mlagateway.store.Checkpoint;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoredMessage;

/**
 * A message's segment of the hash chain: every entry from the message's first entry up to the
 * nearest checkpoint at or after its last entry, so that the checkpoint's signature covers them
 * all (entries of other messages in between are part of the chain and come along). Without such a
 * checkpoint yet, the segment ends at the head and is not covered. Read a page at a time, so a long
 * segment never sits in memory.
 */
final class EvidenceLog {
    static final int PAGE = 10_000;
    /** The ASCII unit separator between the fields of a line of {@code log/entries.txt}. */
    static final char US = 0x1f;

    /** The message's own entries, and the segment's bounds and checkpoint (null when not covered). */
    record Segment(List<LogEntry> messageEntries, long firstSeq, long endSeq, Checkpoint checkpoint) {
        boolean covered() {
            return checkpoint != null;
        }

        long lastMessageSeq() {
            return messageEntries.get(messageEntries.size() - 1).seq();
        }
    }

    private EvidenceLog() {
    }

    /** Empty when no entry is about the message (its timeline, keyed by direction, partner and id). */
    static Optional<Segment> of(Store store, StoredMessage message) {
        List<LogEntry> entries = store.timeline(message.pk());
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        long first = entries.get(0).seq();
        long last = entries.get(entries.size() - 1).seq();
        Optional<Checkpoint> cp = store.checkpointAtOrAfter(last);
        long end = cp.map(Checkpoint::seq).orElseGet(() -> Math.max(last, store.logHeadSeq()));
        return Optional.of(new Segment(entries, first, end, cp.orElse(null)));
    }

    /** Every stored entry of the segment, in seq order (a deleted entry is simply absent). */
    static void forEach(Store store, Segment s, Consumer<LogEntry> action) {
        long after = s.firstSeq() - 1;
        while (after < s.endSeq()) {
            List<LogEntry> page = store.logPage(after, s.endSeq(), PAGE);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(action);
            after = page.get(page.size() - 1).seq();
        }
    }

    /** One line of {@code log/entries.txt}: the nine stored columns, separated by {@link #US}. */
    static String line(LogEntry e) {
        return String.join(String.valueOf(US), Long.toString(e.seq()), Long.toString(e.atMicros()), e.event(),
                nullToEmpty(e.messageId()), nullToEmpty(e.conversationId()), e.actor(), e.details(), e.prevHash(),
                e.hash()) + "\n";
    }

    /**
     * The checks of the segment: each entry's hash from its fields ({@code log-entries}), the seq
     * continuity and prev_hash links ({@code log-chain}), and the covering checkpoint
     * ({@code checkpoint}), which must name the segment's last entry and verify as the store's
     * {@code log verify} judges it.
     */
    static List<Check> check(Store store, Segment s) {
        Walk walk = new Walk(s.firstSeq());
        forEach(store, s, walk);
        List<Check> checks = new ArrayList<>();
        String range = "seq " + s.firstSeq() + " to " + s.endSeq();
        checks.add(walk.badHash == null
                ? Check.pass(Evidence.LOG_ENTRIES, walk.count + " entries (" + range + ") each give their stored hash")
                : Check.fail(Evidence.LOG_ENTRIES, walk.badHash));
        if (walk.badLink == null && walk.last != null && walk.last.seq() != s.endSeq()) {
            walk.badLink = "the segment ends at seq " + walk.last.seq() + " but should reach seq " + s.endSeq();
        }
        checks.add(walk.badLink == null
                ? Check.pass(Evidence.LOG_CHAIN, "each prev_hash is the hash of the entry before, " + range)
                : Check.fail(Evidence.LOG_CHAIN, walk.badLink));
        checks.add(checkpoint(store, s, walk.last));
        return checks;
    }

    private static Check checkpoint(Store store, Segment s, LogEntry last) {
        if (!s.covered()) {
            return Check.skipped(Evidence.CHECKPOINT, "no signed checkpoint covers seq " + s.lastMessageSeq()
                    + " yet (the head is seq " + s.endSeq() + "; one is written within log.checkpointEvery)");
        }
        if (last == null || last.seq() != s.checkpoint().seq()) {
            return Check.fail(Evidence.CHECKPOINT, "the entry checkpointed at seq " + s.checkpoint().seq()
                    + " is missing");
        }
        return store.checkpointProblem(s.checkpoint(), last)
                .map(p -> Check.fail(Evidence.CHECKPOINT, "seq " + last.seq() + ": " + p))
                .orElseGet(() -> Check.pass(Evidence.CHECKPOINT, "the checkpoint at seq " + last.seq()
                        + " names its hash and its signature verifies"
                        + (s.checkpoint().timestampToken() != null ? ", with its RFC 3161 time-stamp" : "")));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Walks the segment once, remembering the first problem of each kind. */
    private static final class Walk implements Consumer<LogEntry> {
        private long expectedSeq;
        private long count;
        private LogEntry last;
        private String badHash;
        private String badLink;

        Walk(long firstSeq) {
            this.expectedSeq = firstSeq;
        }

        @Override
        public void accept(LogEntry e) {
            count++;
            if (badHash == null && !e.recomputeHash().equals(e.hash())) {
                badHash = "seq " + e.seq() + ": its fields do not give its stored hash (the entry was altered)";
            }
            if (badLink == null) {
                if (e.seq() != expectedSeq) {
                    badLink = "seq " + expectedSeq + " is missing (the next stored entry is seq " + e.seq() + ")";
                } else if (last != null && !e.prevHash().equals(last.hash())) {
                    badLink = "seq " + e.seq() + ": prev_hash is not the hash of seq " + last.seq();
                }
            }
            expectedSeq = e.seq() + 1;
            last = e;
        }
    }
}
