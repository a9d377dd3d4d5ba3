package org.mlagateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The work queues: leasing items and ending a lease (ack, nack, release), moving an item on, and
 * reading items. {@link Store} implements it.
 */
public interface QueueStore {
    /** Leases up to {@code max} items, highest priority first; {@code target} null means any. */
    List<QueueItem> claim(Queue queue, String target, String owner, int max, Duration lease);

    /**
     * Claims up to {@code max} due items of one target, the first due target not in {@code excluded}
     * (see {@link #claim} for the lease).
     */
    List<QueueItem> claimOneTarget(Queue queue, Set<String> excluded, String owner, int max, Duration lease);

    /** Extends the owner's leases on these items to {@code lease} from now; returns the ids it still holds. */
    List<Long> renewLeases(List<Long> itemIds, String owner, Duration lease);

    /**
     * Ends at once every lease held by {@code owner} or by an owner named {@code owner} followed by
     * {@code -} and more: a node that restarts under the same node id takes back what its previous
     * life held, instead of waiting for the leases to run out. The items stay as they were but for
     * the lease's end, so the next claim (logged as usual) takes them. Returns how many were freed.
     */
    int expireLeasesOf(String owner);

    /** Completes a leased item; idempotent for the owner that completed it, anyone else gets {@code LEASE_LOST}. */
    QueueItem ack(long itemId, String owner);

    /** Gives a leased item back, due again after {@code delay}. */
    QueueItem nack(long itemId, String owner, String reason, Duration delay);

    /** An operator frees a stuck lease: the item is READY again at once. */
    QueueItem release(long itemId, String operator);

    /** Moves an open item to another queue and target (translation done: on to forwarding). */
    QueueItem move(long itemId, Queue newQueue, String newTarget, String actor);

    Optional<QueueItem> queueItem(long id);

    /** Open items whose clock runs out before {@code before}, earliest first (deadlines, overdue lists). */
    List<QueueItem> dueBefore(Instant before);
}
