package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.MessageSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and actions for the operator pages: a message's attempts, queue load, stuck leases, re-queueing. */
final class OperatorRows {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorRows.class);
    private static final String ATTEMPTS = "SELECT attempt_no, attempted_at, outcome, error_code, http_status, detail,"
            + " duration_ms FROM delivery_attempts WHERE message_pk = ? ORDER BY attempt_no";
    private static final String OVERVIEW = "SELECT queue_name, target, state, COUNT(*),"
            + " MIN(CASE WHEN state IN ('READY', 'LEASED') THEN created_at END) FROM queue_items"
            + " GROUP BY queue_name, target, state ORDER BY queue_name, target";
    private static final String UNINDEXED = "SELECT m.pk, m.partner, m.message_xml, m.message_id, m.kind,"
            + " m.request_type, m.conversation_id, m.direction, m.sealed FROM messages m WHERE m.pk > ?"
            + " AND NOT EXISTS (SELECT 1 FROM message_search s WHERE s.message_pk = m.pk) ORDER BY m.pk LIMIT ?";
    static final int BACKFILL_BATCH = 200;

    private final TxRunner runner;

    OperatorRows(TxRunner runner) {
        this.runner = runner;
    }

    LogPage search(LogQuery query) {
        return runner.read("search the message log", tx -> SearchRows.search(tx, query));
    }

    List<DeliveryAttempt> attempts(long messagePk) {
        return runner.read("read delivery attempts of message " + messagePk, tx -> {
            List<DeliveryAttempt> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(ATTEMPTS)) {
                ps.setLong(1, messagePk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt("http_status");
                        out.add(new DeliveryAttempt(
                                rs.getInt("attempt_no"),
                                Rows.time(rs, "attempted_at"),
                                DeliveryAttempt.Outcome.valueOf(rs.getString("outcome")),
                                rs.getString("error_code"),
                                rs.wasNull() ? null : status,
                                rs.getString("detail"),
                                rs.getLong("duration_ms")));
                    }
                }
            }
            return out;
        });
    }

    List<QueueOverview> overview() {
        return runner.read("read queue overview", tx -> {
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, Instant> oldest = new LinkedHashMap<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(OVERVIEW);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\n" + rs.getString(2);
                    long[] c = counts.computeIfAbsent(key, k -> new long[4]);
                    c[QueueItem.State.valueOf(rs.getString(3)).ordinal()] = rs.getLong(4);
                    java.time.OffsetDateTime since = rs.getObject(5, java.time.OffsetDateTime.class);
                    if (since != null) {
                        oldest.merge(key, since.toInstant(), (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
            List<QueueOverview> out = new ArrayList<>();
            counts.forEach((key, c) -> {
                String[] parts = key.split("\n", 2);
                out.add(new QueueOverview(Queue.fromDb(parts[0]), parts[1], c[0], c[1], c[2], c[3], oldest.get(key)));
            });
            return out;
        });
    }

    /** Leased items whose lease ran out, or that were claimed more than {@code heldTooLong} ago. */
    List<StuckLease> stuckLeases(Duration heldTooLong) {
        return runner.read("read stuck leases", tx -> {
            String sql =
                    QueueRows.SELECT.replace(" FROM queue_items q", ", q.updated_at AS leased_since FROM queue_items q")
                            + " WHERE q.state = 'LEASED' AND (q.lease_until <= ? OR q.updated_at <= ?) ORDER BY"
                            + " q.updated_at, q.id";
            List<StuckLease> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
                Rows.setTime(ps, 1, tx.now);
                Rows.setTime(ps, 2, tx.now.minus(heldTooLong));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        QueueItem item = QueueRows.item(rs);
                        out.add(new StuckLease(
                                item,
                                Rows.time(rs, "leased_since"),
                                item.leaseUntil() != null && !item.leaseUntil().isAfter(tx.now)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Puts a FAILED outgoing message back on the {@link Queue#SEND} queue: a new item, so that the sender's
     * give-up window starts again, whose attempt count continues from the last recorded attempt
     * (attempt numbers stay unique). The status becomes QUEUED and {@code requeued} is logged with
     * the operator as actor, in the same transaction. Returns the new item.
     */
    QueueItem requeueFailed(long messagePk, String operator) {
        Check.text("operator", operator, 128);
        return runner.inTx("re-queue failed message " + messagePk, tx -> {
            MessageRows.Header m = lockMessage(tx, messagePk);
            MessageStatus status = status(tx, messagePk);
            if (m.direction() != Direction.OUT || status != MessageStatus.FAILED) {
                throw new GatewayException(
                        ErrorCode.INVALID_REQUEST,
                        "message " + m.messageId() + " is not a FAILED outgoing message (it is " + m.direction() + " "
                                + status + ")");
            }
            long itemId;
            try (PreparedStatement ps = tx.connection.prepareStatement(
                    "INSERT INTO queue_items (queue_name, target,"
                            + " message_pk, state, priority, available_at, attempts, created_at, updated_at)"
                            + " VALUES (?, ?, ?, 'READY', 5, ?, (SELECT COALESCE(MAX(attempt_no), 0) FROM"
                            + " delivery_attempts"
                            + " WHERE message_pk = ?), ?, ?)",
                    new String[] {"id"})) {
                ps.setString(1, Queue.SEND.dbName());
                ps.setString(2, m.partner());
                ps.setLong(3, messagePk);
                Rows.setTime(ps, 4, tx.now);
                ps.setLong(5, messagePk);
                Rows.setTime(ps, 6, tx.now);
                Rows.setTime(ps, 7, tx.now);
                itemId = Rows.insertReturningKey(ps);
            }
            MessageRows.update(tx, messagePk, "status = ?", MessageStatus.QUEUED.dbName());
            tx.log(
                    LogEvent.of(
                            "requeued",
                            m.messageId(),
                            m.conversationId(),
                            operator,
                            Map.of(
                                    "item",
                                    itemId,
                                    "queue",
                                    Queue.SEND.dbName(),
                                    "target",
                                    m.partner(),
                                    "from",
                                    MessageStatus.FAILED.dbName())),
                    messagePk);
            return QueueRows.byId(tx, itemId).orElseThrow();
        });
    }

    private static MessageRows.Header lockMessage(Tx tx, long pk) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement("SELECT pk FROM messages WHERE pk = ? FOR UPDATE")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new GatewayException(ErrorCode.NOT_FOUND, "no stored message with pk " + pk);
                }
            }
        }
        return MessageRows.header(tx, pk);
    }

    private static MessageStatus status(Tx tx, long pk) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement("SELECT status FROM messages WHERE pk = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return MessageStatus.fromDb(rs.getString(1));
            }
        }
    }

    /**
     * Fills the search rows of messages stored before there were any (schema version 4), in batches.
     * A message whose XML no longer parses is indexed by its stored columns only, and logged.
     */
    int backfill(Function<byte[], MessageSummary> summarize) {
        int done = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Object[]> batch = runner.read("read unindexed messages", tx -> {
                List<Object[]> rows = new ArrayList<>();
                try (PreparedStatement ps = tx.connection.prepareStatement(UNINDEXED)) {
                    ps.setLong(1, from);
                    ps.setInt(2, BACKFILL_BATCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byte[] xml = tx.sealing.read(
                                    rs,
                                    "message_xml",
                                    rs.getBoolean("sealed"),
                                    Sealing.binding(
                                            Direction.valueOf(rs.getString("direction")),
                                            rs.getString(2),
                                            rs.getString(4),
                                            "message_xml"));
                            rows.add(new Object[] {
                                rs.getLong(1),
                                rs.getString(2),
                                xml,
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7)
                            });
                        }
                    }
                }
                return rows;
            });
            if (batch.isEmpty()) {
                return done;
            }
            List<Map.Entry<Long, SearchText>> texts = new ArrayList<>();
            for (Object[] row : batch) {
                long pk = (Long) row[0];
                texts.add(Map.entry(pk, searchText(row, summarize)));
                after = pk;
            }
            try {
                runner.inTx("index " + texts.size() + " messages for search", tx -> {
                    for (Map.Entry<Long, SearchText> t : texts) {
                        SearchRows.insert(tx, t.getKey(), t.getValue());
                    }
                    return null;
                });
                done += texts.size();
            } catch (UniqueViolation e) {
                // Another node indexed some of them meanwhile; the rest come round again.
                after = from;
            }
        }
    }

    private static SearchText searchText(Object[] row, Function<byte[], MessageSummary> summarize) {
        try {
            return SearchText.of(summarize.apply((byte[]) row[2]), (String) row[1]);
        } catch (RuntimeException e) {
            LOG.warn(
                    "message pk {} could not be summarised for search ({}); indexed by its ids only",
                    row[0],
                    e.getClass().getSimpleName());
            return SearchText.ofIds(
                    (String) row[3], (String) row[1], (String) row[4], (String) row[5], (String) row[6]);
        }
    }
}
