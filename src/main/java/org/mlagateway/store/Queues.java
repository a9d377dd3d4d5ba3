package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Work queues with leases. Claiming locks candidate rows with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent claimers on any node never take the same item; an item whose lease ran out is
 * claimable again. Each change writes a log entry in the same transaction; a lease renewal,
 * which changes no state, is the exception.
 */
final class Queues {
    private static final String CLAIMABLE = "SELECT id FROM queue_items WHERE queue_name = ?%s"
            + " AND ((state = 'READY' AND available_at <= ?) OR (state = 'LEASED' AND lease_until <= ?))"
            + " ORDER BY priority DESC, available_at, id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String LEASE = "UPDATE queue_items SET state = 'LEASED', lease_owner = ?, lease_until = ?,"
            + " attempts = attempts + 1, updated_at = ? WHERE id = ?";

    private final TxRunner runner;

    Queues(TxRunner runner) {
        this.runner = runner;
    }

    List<QueueItem> claim(Queue queue, String target, String owner, int max, Duration lease) {
        Objects.requireNonNull(queue, "queue");
        Check.text("owner", owner, 128);
        if (max < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("claim needs max >= 1 and a positive lease");
        }
        return runner.inTx(
                "claim from queue " + queue,
                tx -> lease(tx, queue, lockClaimable(tx, queue, target, max), owner, lease));
    }

    /** Leases the locked items to the owner and logs each claim. */
    private static List<QueueItem> lease(Tx tx, Queue queue, List<Long> ids, String owner, Duration lease)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = tx.connection.prepareStatement(LEASE)) {
            for (long id : ids) {
                ps.setString(1, owner);
                Rows.setTime(ps, 2, tx.now.plus(lease));
                Rows.setTime(ps, 3, tx.now);
                ps.setLong(4, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<QueueItem> items = QueueRows.select(
                tx,
                QueueRows.SELECT + " WHERE q.id IN (" + in + ")" + " ORDER BY q.priority DESC, q.available_at, q.id");
        for (QueueItem item : items) {
            tx.log(
                    LogEvent.of(
                            "claimed",
                            item.messageId(),
                            item.conversationId(),
                            owner,
                            Map.of("item", item.id(), "queue", queue.dbName(), "attempt", item.attempts())),
                    item.messagePk());
        }
        return items;
    }

    /**
     * Claims up to {@code max} due items that all have one target, the target of the first due item
     * whose target is not in {@code excluded}. The sender claims this way so that a batch never
     * mixes a slow partner with others, and so that it can pass over partners it is already busy
     * with. Both steps lock with {@code FOR UPDATE SKIP LOCKED} in one transaction.
     */
    List<QueueItem> claimOneTarget(Queue queue, Set<String> excluded, String owner, int max, Duration lease) {
        Objects.requireNonNull(queue, "queue");
        Check.text("owner", owner, 128);
        if (max < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("claim needs max >= 1 and a positive lease");
        }
        return runner.inTx("claim one target's items from queue " + queue, tx -> {
            List<Long> ids = new ArrayList<>();
            String target = firstClaimable(tx, queue, excluded, ids);
            if (target == null) {
                return List.of();
            }
            if (max > 1) {
                for (long id : lockClaimable(tx, queue, target, max)) {
                    if (ids.size() < max && !ids.contains(id)) {
                        ids.add(id);
                    }
                }
            }
            return lease(tx, queue, ids, owner, lease);
        });
    }

    /** Locks the first due item whose target is not excluded; adds its id and returns its target. */
    private static String firstClaimable(Tx tx, Queue queue, Set<String> excluded, List<Long> ids) throws SQLException {
        String notIn = excluded.isEmpty()
                ? ""
                : " AND target NOT IN (" + String.join(", ", Collections.nCopies(excluded.size(), "?")) + ")";
        String sql = String.format(CLAIMABLE.replace("SELECT id FROM", "SELECT id, target FROM"), notIn);
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, queue.dbName());
            for (String target : excluded) {
                ps.setString(i++, target);
            }
            Rows.setTime(ps, i++, tx.now);
            Rows.setTime(ps, i++, tx.now);
            ps.setInt(i, 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ids.add(rs.getLong(1));
                return rs.getString(2);
            }
        }
    }

    /**
     * Extends the leases the owner still holds to {@code lease} from now, and returns the ids it
     * still holds: an item whose lease ran out and that another worker claimed is not among them.
     * Only {@code lease_until} moves, so {@code updated_at} still says when the item was claimed (the
     * operators' stuck-lease view reads it), and nothing is logged: the claim was.
     */
    List<Long> renew(List<Long> itemIds, String owner, Duration lease) {
        Check.text("owner", owner, 128);
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("renew needs a positive lease");
        }
        if (itemIds.isEmpty()) {
            return List.of();
        }
        return runner.inTx("renew leases", tx -> {
            List<Long> held = new ArrayList<>();
            for (long id : itemIds) {
                QueueItem item = lock(tx, id);
                if (item.state() == QueueItem.State.LEASED && owner.equals(item.leaseOwner())) {
                    try (PreparedStatement ps =
                            tx.connection.prepareStatement("UPDATE queue_items SET lease_until = ? WHERE id = ?")) {
                        Rows.setTime(ps, 1, tx.now.plus(lease));
                        ps.setLong(2, id);
                        ps.executeUpdate();
                    }
                    held.add(id);
                }
            }
            return held;
        });
    }

    int expireLeasesOf(String owner) {
        Check.text("owner", owner, 128);
        String prefix = owner.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%";
        return runner.inTx("expire the leases of " + owner, tx -> {
            try (PreparedStatement ps = tx.connection.prepareStatement("UPDATE queue_items SET lease_until = ?"
                    + " WHERE state = 'LEASED' AND lease_until > ?"
                    + " AND (lease_owner = ? OR lease_owner LIKE ? ESCAPE '\\')")) {
                Rows.setTime(ps, 1, tx.now);
                Rows.setTime(ps, 2, tx.now);
                ps.setString(3, owner);
                ps.setString(4, prefix);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Long> lockClaimable(Tx tx, Queue queue, String target, int max) throws SQLException {
        String sql = String.format(CLAIMABLE, target == null ? "" : " AND target = ?");
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, queue.dbName());
            if (target != null) {
                ps.setString(i++, target);
            }
            Rows.setTime(ps, i++, tx.now);
            Rows.setTime(ps, i++, tx.now);
            ps.setInt(i, max);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Idempotent for the owner that completed the item; anyone else gets LEASE_LOST. */
    QueueItem ack(long itemId, String owner) {
        return runner.inTx("ack queue item " + itemId, tx -> {
            QueueItem item = lock(tx, itemId);
            if (item.state() == QueueItem.State.DONE && owner.equals(item.leaseOwner())) {
                return item;
            }
            requireLeasedBy(item, owner);
            update(tx, itemId, "state = 'DONE', lease_until = NULL");
            tx.log(
                    LogEvent.of(
                            "acked",
                            item.messageId(),
                            item.conversationId(),
                            owner,
                            Map.of("item", itemId, "queue", item.queue().dbName())),
                    item.messagePk());
            return QueueRows.byId(tx, itemId).orElseThrow();
        });
    }

    QueueItem nack(long itemId, String owner, String reason, Duration delay) {
        Check.optionalText("reason", reason, 500);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return runner.inTx("nack queue item " + itemId, tx -> {
            QueueItem item = lock(tx, itemId);
            requireLeasedBy(item, owner);
            update(
                    tx,
                    itemId,
                    "state = 'READY', lease_owner = NULL, lease_until = NULL, available_at = ?," + " last_error = ?",
                    tx.now.plus(delay),
                    reason);
            tx.log(
                    LogEvent.of(
                            "nacked",
                            item.messageId(),
                            item.conversationId(),
                            owner,
                            Map.of("item", itemId, "queue", item.queue().dbName(), "delayMs", delay.toMillis())),
                    item.messagePk());
            return QueueRows.byId(tx, itemId).orElseThrow();
        });
    }

    /** An operator frees a stuck lease: the item is READY again at once. */
    QueueItem release(long itemId, String operator) {
        Check.text("operator", operator, 128);
        return runner.inTx("release queue item " + itemId, tx -> {
            QueueItem item = lock(tx, itemId);
            if (item.state() != QueueItem.State.LEASED) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "queue item " + itemId + " is not leased");
            }
            update(tx, itemId, "state = 'READY', lease_owner = NULL, lease_until = NULL, available_at = ?", tx.now);
            tx.log(
                    LogEvent.of(
                            "released",
                            item.messageId(),
                            item.conversationId(),
                            operator,
                            Map.of("item", itemId, "queue", item.queue().dbName(), "previousOwner", item.leaseOwner())),
                    item.messagePk());
            return QueueRows.byId(tx, itemId).orElseThrow();
        });
    }

    /** Moves an open item to another queue and target (translation done: on to forwarding). */
    QueueItem move(long itemId, Queue newQueue, String newTarget, String actor) {
        Objects.requireNonNull(newQueue, "newQueue");
        Check.text("newTarget", newTarget, 128);
        Check.text("actor", actor, 128);
        return runner.inTx("move queue item " + itemId, tx -> {
            QueueItem item = lock(tx, itemId);
            if (item.state() == QueueItem.State.DONE || item.state() == QueueItem.State.DEAD) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "queue item " + itemId + " is closed");
            }
            update(
                    tx,
                    itemId,
                    "queue_name = ?, target = ?, state = 'READY', lease_owner = NULL, lease_until = NULL,"
                            + " available_at = ?",
                    newQueue.dbName(),
                    newTarget,
                    tx.now);
            tx.log(
                    LogEvent.of(
                            "requeued",
                            item.messageId(),
                            item.conversationId(),
                            actor,
                            Map.of(
                                    "item",
                                    itemId,
                                    "from",
                                    item.queue().dbName(),
                                    "queue",
                                    newQueue.dbName(),
                                    "target",
                                    newTarget)),
                    item.messagePk());
            return QueueRows.byId(tx, itemId).orElseThrow();
        });
    }

    private static QueueItem lock(Tx tx, long itemId) throws SQLException {
        try (PreparedStatement ps =
                tx.connection.prepareStatement("SELECT id FROM queue_items WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new GatewayException(ErrorCode.NOT_FOUND, "no queue item " + itemId);
                }
            }
        }
        return QueueRows.byId(tx, itemId).orElseThrow();
    }

    private static void requireLeasedBy(QueueItem item, String owner) {
        if (item.state() != QueueItem.State.LEASED || !item.leaseOwner().equals(owner)) {
            throw new GatewayException(
                    ErrorCode.LEASE_LOST,
                    "queue item " + item.id() + " is " + item.state() + " and not leased by the caller");
        }
    }

    private static void update(Tx tx, long itemId, String set, Object... values) throws SQLException {
        try (PreparedStatement ps =
                tx.connection.prepareStatement("UPDATE queue_items SET " + set + ", updated_at = ? WHERE id = ?")) {
            int i = 1;
            for (Object v : values) {
                Rows.bind(ps, i++, v);
            }
            Rows.setTime(ps, i++, tx.now);
            ps.setLong(i, itemId);
            ps.executeUpdate();
        }
    }
}
