package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link AlertStore} on the queue items and {@code alert_notifications} (V10). */
final class AlertRows implements AlertStore {
    private static final String CLOCKS = "SELECT q.id, q.queue_name, q.target, q.due_at, m.pk, m.partner, m.direction,"
            + " m.kind, m.message_id, m.conversation_id FROM queue_items q JOIN messages m ON m.pk = q.message_pk"
            + " WHERE q.due_at IS NOT NULL AND q.due_at < ? AND q.state <> 'DONE' ORDER BY q.due_at, q.id LIMIT ";
    private static final String KEY = " WHERE item_key = ? AND threshold = ? AND channel = ?";

    private final TxRunner runner;

    AlertRows(TxRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<DueClock> openClocks(Instant before, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return runner.read("read the running clocks", tx -> {
            List<DueClock> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(CLOCKS + max)) {
                Rows.setTime(ps, 1, before);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DueClock(
                                rs.getLong("id"),
                                Queue.fromDb(rs.getString("queue_name")),
                                rs.getString("target"),
                                rs.getString("partner"),
                                Direction.valueOf(rs.getString("direction")),
                                rs.getString("kind"),
                                rs.getLong("pk"),
                                rs.getString("message_id"),
                                rs.getString("conversation_id"),
                                Rows.time(rs, "due_at")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean claimNotification(String itemKey, String threshold, String channel, Duration retryAfter) {
        try {
            return runner.inTx("claim a notification", tx -> {
                try (PreparedStatement ps = tx.connection.prepareStatement(
                        "SELECT sent_at, claimed_at FROM alert_notifications" + KEY + " FOR UPDATE")) {
                    bindKey(ps, 1, itemKey, threshold, channel);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            insert(tx, itemKey, threshold, channel, null, null);
                            return true;
                        }
                        if (Rows.time(rs, "sent_at") != null
                                || !Rows.time(rs, "claimed_at").isBefore(tx.now.minus(retryAfter))) {
                            return false;
                        }
                    }
                }
                update(tx, "claimed_at = ?, attempts = attempts + 1", itemKey, threshold, channel, tx.now);
                return true;
            });
        } catch (UniqueViolation raced) {
            return false; // another node claimed it first
        }
    }

    @Override
    public void notificationSent(String itemKey, String threshold, String channel) {
        runner.inTx("record a notification sent", tx -> {
            update(tx, "sent_at = ?, last_error = NULL", itemKey, threshold, channel, tx.now);
            return null;
        });
    }

    @Override
    public void notificationFailed(String itemKey, String threshold, String channel, String error) {
        String e = error == null ? "failed" : error.length() > 300 ? error.substring(0, 300) : error;
        runner.inTx("record a notification failed", tx -> {
            update(tx, "last_error = ?", itemKey, threshold, channel, e);
            return null;
        });
    }

    @Override
    public void notificationSuperseded(String itemKey, String threshold, String channel) {
        try {
            runner.inTx("record a notification superseded", tx -> {
                try (PreparedStatement ps = tx.connection.prepareStatement("SELECT 1 FROM alert_notifications" + KEY)) {
                    bindKey(ps, 1, itemKey, threshold, channel);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return null;
                        }
                    }
                }
                insert(tx, itemKey, threshold, channel, tx.now, "superseded");
                return null;
            });
        } catch (UniqueViolation raced) {
            // another node recorded it
        }
    }

    private static void insert(Tx tx, String key, String threshold, String channel, Instant sent, String error)
            throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement("INSERT INTO alert_notifications (item_key,"
                + " threshold, channel, claimed_at, sent_at, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            bindKey(ps, 1, key, threshold, channel);
            Rows.setTime(ps, 4, tx.now);
            Rows.setTime(ps, 5, sent);
            ps.setInt(6, sent == null ? 1 : 0);
            ps.setString(7, error);
            ps.executeUpdate();
        }
    }

    private static void update(Tx tx, String set, String key, String threshold, String channel, Object value)
            throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement("UPDATE alert_notifications SET " + set + KEY)) {
            Rows.bind(ps, 1, value);
            bindKey(ps, 2, key, threshold, channel);
            ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, int from, String key, String threshold, String channel)
            throws SQLException {
        ps.setString(from, key);
        ps.setString(from + 1, threshold);
        ps.setString(from + 2, channel);
    }
}
