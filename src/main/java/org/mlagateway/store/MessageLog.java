package org.mlagateway.store;

import java.util.List;

/**
 * The hash-chained message log, entry by entry: appending events, a message's timeline, and pages
 * of the chain. {@link Store} implements it; {@link LogCheckpoints} covers checkpoints and verifying.
 */
public interface MessageLog {
    /**
     * Appends events about one stored message (e.g. an operator's download) in one transaction, so
     * that they join its {@link #timeline(long)}; returns the new entries.
     */
    List<LogEntry> append(long messagePk, List<LogEvent> events);

    /** Appends events (e.g. {@code api-denied}) in one transaction; returns the new entries. */
    List<LogEntry> append(List<LogEvent> events);

    /** Every log entry that names this message id, whichever stored message it is about, in seq order. */
    List<LogEntry> timeline(String messageId);

    /**
     * The timeline of one stored message, keyed by its pk and so by direction, partner and id: the
     * entries written about it, the rejected delivery attempts that named its id when it is an
     * incoming message (and their claimed sender, if any, is its partner), and entries that name
     * its id without a key when no other stored message has that id. A partner that reuses one of
     * our message ids therefore never merges its message's timeline with ours.
     */
    List<LogEntry> timeline(long messagePk);

    /** Log entries with {@code afterSeq < seq <= upToSeq}, at most {@code limit}, in seq order (for evidence). */
    List<LogEntry> logPage(long afterSeq, long upToSeq, int limit);

    /** The seq of the chain's last entry, as recorded in {@code log_head} (0 for an empty log). */
    long logHeadSeq();

    /**
     * The first seq written in log encoding v2 ({@link LogEncoding}), as the store recorded it when
     * it was upgraded: 1 for a store created in v2.
     */
    long logV2FromSeq();
}
