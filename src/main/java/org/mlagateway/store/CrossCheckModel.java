package org.mlagateway.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The small values the state cross-check shares between its two halves: what the log replay
 * ({@link StateCrossCheck}) derives and what the table comparison ({@link StateTables}) compares.
 */
final class CrossCheckModel {
    private CrossCheckModel() {}

    /** Which stored message: direction, partner and message id, as the log's hashed fields name it. */
    record Identity(Direction direction, String partner, String messageId) {
        @Override
        public String toString() {
            return direction + " " + partner + " " + messageId;
        }
    }

    /** A message as the log describes it. {@code status} is null when the log does not give it. */
    static final class Msg {
        final long pk;
        final Identity identity;
        final long receivedSeq;
        final List<Receipt> receipts = new ArrayList<>(1);
        MessageStatus status;

        Msg(long pk, Identity identity, MessageStatus status, long receivedSeq) {
            this.pk = pk;
            this.identity = identity;
            this.status = status;
            this.receivedSeq = receivedSeq;
        }
    }

    /** A receipt the log recorded as received: its entry, status and, in newer entries, digest. */
    record Receipt(long seq, String status, String sha256) {}

    /** A queue item as the log describes it. */
    static final class Item {
        final long id;
        final Identity message;
        Queue queue;
        String target;
        QueueItem.State state = QueueItem.State.READY;
        String leaseOwner;

        Item(long id, Identity message, Queue queue, String target) {
            this.id = id;
            this.message = message;
            this.queue = queue;
            this.target = target;
        }
    }

    /** A set of non-negative ids, one bit each. */
    static final class Ids {
        private final BitSet bits = new BitSet();
        private final Set<Long> large = new HashSet<>();

        void add(long id) {
            if (id >= 0 && id <= Integer.MAX_VALUE) {
                bits.set((int) id);
            } else {
                large.add(id);
            }
        }

        boolean contains(long id) {
            return id >= 0 && id <= Integer.MAX_VALUE ? bits.get((int) id) : large.contains(id);
        }
    }

    /** The findings of one cross-check: all counted, the first {@link StateCrossCheck#MAX_FINDINGS} kept. */
    static final class Findings {
        final List<StateFinding> kept = new ArrayList<>();
        long count;

        void add(StateFinding f) {
            count++;
            if (kept.size() < StateCrossCheck.MAX_FINDINGS) {
                kept.add(f);
            }
        }
    }
}
