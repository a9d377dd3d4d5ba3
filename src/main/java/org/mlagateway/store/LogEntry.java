package org.mlagateway.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One entry of the message log as stored: see {@link LogEncoding} for how {@code hash} is computed.
 * {@code salt} is null for entries written in {@link LogEncoding#V1}.
 */
public record LogEntry(
        long seq,
        long atMicros,
        String event,
        String messageId,
        String conversationId,
        String actor,
        String details,
        String salt,
        String prevHash,
        String hash) {

    public Instant at() {
        return Instant.EPOCH.plus(atMicros, ChronoUnit.MICROS);
    }

    /** The encoding the entry was written in, as its fields say: v2 entries carry a salt. */
    public LogEncoding encoding() {
        return LogEncoding.of(salt);
    }

    /**
     * The hash this entry should have, computed from its fields.
     *
     * @throws IllegalArgumentException when a field cannot be encoded (a v2 salt or prev_hash that is
     *                                  not lower-case hex, a line break): see {@link #hashMatches()}
     */
    public String recomputeHash() {
        return recomputeHashAt(seq);
    }

    /** Whether the entry's fields give its stored hash; false also when they cannot be encoded at all. */
    public boolean hashMatches() {
        return hashMatchesAt(seq);
    }

    boolean hashMatchesAt(long otherSeq) {
        try {
            return recomputeHashAt(otherSeq).equals(hash);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * The v2 digest of the entry's fields, which stands for them in an evidence bundle.
     *
     * @throws IllegalStateException for a v1 entry, which has no digest form
     */
    public String digest() {
        if (salt == null) {
            throw new IllegalStateException("entry seq " + seq + " is in log encoding v1 and has no digest");
        }
        return LogEncoding.digest(seq, atMicros, event, messageId, conversationId, actor, details, salt);
    }

    /** The hash this entry would have at another sequence number (used to recognise moved rows). */
    String recomputeHashAt(long otherSeq) {
        return encoding().hash(otherSeq, atMicros, event, messageId, conversationId, actor, details, salt, prevHash);
    }
}
