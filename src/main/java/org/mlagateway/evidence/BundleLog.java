package org.mlagateway.evidence;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.mlagateway.store.LogEncoding;
import org.mlagateway.store.LogEntry;

/**
 * The bundle's {@code log/entries.txt}: one line per entry of the message's segment, fields
 * separated by the byte 0x1F, each line starting with its kind:
 * <ul>
 *   <li>{@code v2}: a v2 entry in full: seq, at, event, message id, conversation id, actor,
 *       details, salt, prev_hash, hash;</li>
 *   <li>{@code v1}: a v1 entry in full: the same without the salt;</li>
 *   <li>{@code d}: another case's v2 entry as seq and digest only.</li>
 * </ul>
 * The message's own entries are in full; so is every entry written before log encoding v2, which
 * has no digest form. {@link Chain} re-walks the lines exactly as the bundle's {@code VERIFY.md}
 * does, so the gateway's own check and the reader's cannot differ.
 */
final class BundleLog {
    /** The ASCII unit separator between the fields of a line. */
    static final char US = 0x1f;

    static final String DIGEST = "d";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** One line of {@code log/entries.txt}. */
    sealed interface Line permits Full, DigestOnly {
        long seq();
    }

    /** An entry with all its fields. */
    record Full(LogEntry entry) implements Line {
        @Override
        public long seq() {
            return entry.seq();
        }
    }

    /** A v2 entry of another case: its seq and the digest of its fields. */
    record DigestOnly(long seq, String digest) implements Line {}

    private BundleLog() {}

    /**
     * The line of an entry: in full when it is the message's own or a v1 entry, else its digest. A
     * stored entry whose fields cannot be encoded at all (an altered salt) gets a digest of zeros:
     * never its fields, and the chain breaks there, as it should.
     */
    static Line line(LogEntry e, boolean own) {
        if (own || e.encoding() == LogEncoding.V1) {
            return new Full(e);
        }
        try {
            return new DigestOnly(e.seq(), e.digest());
        } catch (IllegalArgumentException malformed) {
            return new DigestOnly(e.seq(), "0".repeat(64));
        }
    }

    /** The text of a line, ended by {@code \n}. */
    static String format(Line line) {
        String us = String.valueOf(US);
        if (line instanceof DigestOnly d) {
            return String.join(us, DIGEST, Long.toString(d.seq()), d.digest()) + "\n";
        }
        LogEntry e = ((Full) line).entry();
        List<String> fields = new java.util.ArrayList<>(List.of(
                e.encoding().label(),
                Long.toString(e.seq()),
                Long.toString(e.atMicros()),
                e.event(),
                nullToEmpty(e.messageId()),
                nullToEmpty(e.conversationId()),
                e.actor(),
                e.details()));
        if (e.salt() != null) {
            fields.add(e.salt());
        }
        fields.add(e.prevHash());
        fields.add(e.hash());
        return String.join(us, fields) + "\n";
    }

    /**
     * Reads one line (without its {@code \n}) as {@code VERIFY.md} reads it.
     *
     * @throws IllegalArgumentException when it is none of the three kinds
     */
    static Line parse(String text) {
        String[] f = text.split(String.valueOf(US), -1);
        try {
            switch (f[0]) {
                case DIGEST -> {
                    if (f.length != 3 || !HEX64.matcher(f[2]).matches()) {
                        throw new IllegalArgumentException("a digest line has seq and 64 hex digits");
                    }
                    return new DigestOnly(Long.parseLong(f[1]), f[2]);
                }
                case "v1" -> {
                    if (f.length != 10) {
                        throw new IllegalArgumentException("a v1 line has 10 fields, not " + f.length);
                    }
                    return new Full(new LogEntry(
                            Long.parseLong(f[1]),
                            Long.parseLong(f[2]),
                            f[3],
                            emptyToNull(f[4]),
                            emptyToNull(f[5]),
                            f[6],
                            f[7],
                            null,
                            f[8],
                            f[9]));
                }
                case "v2" -> {
                    if (f.length != 11) {
                        throw new IllegalArgumentException("a v2 line has 11 fields, not " + f.length);
                    }
                    return new Full(new LogEntry(
                            Long.parseLong(f[1]),
                            Long.parseLong(f[2]),
                            f[3],
                            emptyToNull(f[4]),
                            emptyToNull(f[5]),
                            f[6],
                            f[7],
                            f[8],
                            f[9],
                            f[10]));
                }
                default -> throw new IllegalArgumentException("unknown line kind '" + f[0] + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seq and time are decimal numbers", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /**
     * Re-walks the lines in order, as {@code VERIFY.md}'s log-chain step does: seq continues without
     * a gap, each full entry's fields give its hash and its prev_hash is the hash before it, and a
     * digest line's hash is computed from the hash before it and its digest. Remembers the first
     * problem; {@link #hash()} is then the hash the chain reaches at {@link #lastSeq()}.
     */
    static final class Chain implements Consumer<Line> {
        private long count;
        private long digests;
        private long lastSeq = -1;
        private String hash;
        private String problem;

        @Override
        public void accept(Line line) {
            count++;
            if (line instanceof DigestOnly) {
                digests++;
            }
            if (problem != null) {
                return;
            }
            if (lastSeq >= 0 && line.seq() != lastSeq + 1) {
                problem = "seq " + (lastSeq + 1) + " is missing (the next line is seq " + line.seq() + ")";
                return;
            }
            if (line instanceof Full full) {
                LogEntry e = full.entry();
                if (!e.hashMatches()) {
                    problem = "seq " + e.seq() + ": its fields do not give its hash";
                    return;
                }
                if (hash != null && !e.prevHash().equals(hash)) {
                    problem = "seq " + e.seq() + ": prev_hash is not the hash of seq " + lastSeq;
                    return;
                }
                hash = e.hash();
            } else if (hash == null) {
                problem = "seq " + line.seq() + ": the first line must be an entry in full";
                return;
            } else {
                hash = LogEncoding.link(hash, ((DigestOnly) line).digest());
            }
            lastSeq = line.seq();
        }

        long count() {
            return count;
        }

        long digests() {
            return digests;
        }

        long lastSeq() {
            return lastSeq;
        }

        String hash() {
            return hash;
        }

        /** The first problem, or null when the chain holds so far. */
        String problem() {
            return problem;
        }
    }
}
