package org.mlagateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Tells a moved entry from an altered one. An entry whose stored hash does not match its fields at
 * its stored seq, but does match them at the seq where its neighbours in the chain now sit, was
 * moved (its seq changed), not altered. The neighbours are found by hash: the row whose hash is
 * this entry's prev_hash, and the row whose prev_hash is this entry's hash.
 */
final class ReorderProbe {
    private ReorderProbe() {}

    /** The seq at which the entry's fields give its stored hash, if another seq nearby does. */
    static OptionalLong originalSeq(Connection c, LogEntry entry) throws SQLException {
        Set<Long> candidates = new LinkedHashSet<>();
        OptionalLong predecessor = LogRows.seqWhere(c, "hash", entry.prevHash());
        if (predecessor.isPresent()) {
            addAround(candidates, predecessor.getAsLong());
        }
        OptionalLong successor = LogRows.seqWhere(c, "prev_hash", entry.hash());
        if (successor.isPresent()) {
            addAround(candidates, successor.getAsLong());
        }
        candidates.remove(entry.seq());
        for (long seq : candidates) {
            if (seq > 0 && entry.hashMatchesAt(seq)) {
                return OptionalLong.of(seq);
            }
        }
        return OptionalLong.empty();
    }

    private static void addAround(Set<Long> candidates, long seq) {
        candidates.add(seq + 1);
        candidates.add(seq - 1);
        candidates.add(seq);
    }
}
