package org.mlagateway.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One entry of the message log as stored: see {@link LogHash} for how {@code hash} is computed. */
public record LogEntry(long seq, long atMicros, String event, String messageId, String conversationId,
                       String actor, String details, String prevHash, String hash) {

    public Instant at() {
        return Instant.EPOCH.plus(atMicros, ChronoUnit.MICROS);
    }

    /** The hash this entry should have, computed from its fields. */
    public String recomputeHash() {
        return recomputeHashAt(seq);
    }

    /** The hash this entry would have at another sequence number (used to recognise moved rows). */
    String recomputeHashAt(long otherSeq) {
        return LogHash.hash(otherSeq, atMicros, event, messageId, conversationId, actor, details, prevHash);
    }
}
