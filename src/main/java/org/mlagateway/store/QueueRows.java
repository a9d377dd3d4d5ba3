package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inserts and reads of queue_items, inside the caller's transaction. */
final class QueueRows {
    private static final String INSERT = "INSERT INTO queue_items (queue_name, target, message_pk, state, priority,"
            + " available_at, attempts, due_at, flags, flag_reason, created_at, updated_at)"
            + " VALUES (?, ?, ?, 'READY', ?, ?, 0, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT q.id, q.queue_name, q.target, q.message_pk, m.message_id,"
            + " m.conversation_id, q.state, q.priority, q.available_at, q.lease_owner, q.lease_until, q.attempts,"
            + " q.last_error, q.due_at, q.flags, q.flag_reason, q.created_at"
            + " FROM queue_items q JOIN messages m ON m.pk = q.message_pk";

    private QueueRows() {}

    static long insert(Tx tx, Routing routing, long messagePk) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(INSERT, new String[] {"id"})) {
            ps.setString(1, routing.queue().dbName());
            ps.setString(2, routing.target());
            ps.setLong(3, messagePk);
            ps.setInt(4, routing.priority());
            Rows.setTime(ps, 5, tx.now);
            Rows.setTime(ps, 6, routing.dueAt());
            ps.setString(7, routing.flag());
            ps.setString(8, routing.flagReason());
            Rows.setTime(ps, 9, tx.now);
            Rows.setTime(ps, 10, tx.now);
            return Rows.insertReturningKey(ps);
        }
    }

    /** Log details describing where an item was queued. */
    static Map<String, Object> details(Routing routing, long itemId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("item", itemId);
        d.put("queue", routing.queue().dbName());
        d.put("target", routing.target());
        d.put("priority", routing.priority());
        if (routing.flag() != null) {
            d.put("flag", routing.flag());
        }
        return d;
    }

    static Optional<QueueItem> byId(Tx tx, long id) throws SQLException {
        List<QueueItem> items = select(tx, SELECT + " WHERE q.id = ?", id);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    static List<QueueItem> select(Tx tx, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<QueueItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(item(rs));
                }
            }
            return out;
        }
    }

    static QueueItem item(ResultSet rs) throws SQLException {
        return new QueueItem(
                rs.getLong("id"),
                Queue.fromDb(rs.getString("queue_name")),
                rs.getString("target"),
                rs.getLong("message_pk"),
                rs.getString("message_id"),
                rs.getString("conversation_id"),
                QueueItem.State.valueOf(rs.getString("state")),
                rs.getInt("priority"),
                Rows.time(rs, "available_at"),
                rs.getString("lease_owner"),
                Rows.time(rs, "lease_until"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                Rows.time(rs, "due_at"),
                rs.getString("flags"),
                rs.getString("flag_reason"),
                Rows.time(rs, "created_at"));
    }
}
