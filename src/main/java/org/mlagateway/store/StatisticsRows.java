package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reads behind the statistics report (docs/statistics.md): the requests stored in a period,
 * when each was handed to a domestic body or delivered to its partner, and the replies that name
 * it in {@code InReplyTo}, each as of a cut-off time. All of it in one read transaction, so the
 * figures describe one moment of the store. The store only reads; what counts as a request, a
 * decision or a ground is the {@code ops} package's business.
 */
public final class StatisticsRows {
    /**
     * What to read: requests of {@code requestKinds} stored in [{@code from}, {@code until}), and of
     * their later history only what happened before {@code asOf}.
     */
    public record Query(Set<String> requestKinds, Set<String> replyKinds, Instant from, Instant until, Instant asOf) {
        public Query {
            requestKinds = Set.copyOf(requestKinds);
            replyKinds = Set.copyOf(replyKinds);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(asOf, "asOf");
            if (requestKinds.isEmpty() || replyKinds.isEmpty()) {
                throw new IllegalArgumentException("request and reply kinds are required");
            }
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("the period must end after it starts: " + from + " to " + until);
            }
        }
    }

    /**
     * A request and what had happened to it by the cut-off. {@code storedAt} is when it was received
     * (IN) or submitted by a domestic system (OUT); {@code forwardedAt}, for IN, is when a domestic
     * body acknowledged its forwarding item; {@code deliveredAt}, for OUT, is when the attempt that
     * delivered it started. Either is null when it had not happened by the cut-off.
     */
    public record Request(
            long pk,
            String messageId,
            Direction direction,
            String partner,
            String kind,
            String requestType,
            Instant storedAt,
            Instant forwardedAt,
            Instant deliveredAt) {}

    /** A stored message that names a request of the period in its {@code InReplyTo}, with its XML. */
    public record Reply(
            long pk,
            String inReplyTo,
            String partner,
            Direction direction,
            String kind,
            Instant storedAt,
            byte[] messageXml) {}

    /** The result: requests in storage order, and their replies in storage order. */
    public record Data(List<Request> requests, List<Reply> replies) {
        public Data {
            requests = List.copyOf(requests);
            replies = List.copyOf(replies);
        }
    }

    private static final String REQUESTS = "SELECT m.pk, m.message_id, m.direction, m.partner, m.kind,"
            + " m.request_type, m.created_at FROM messages m WHERE %s ORDER BY m.created_at, m.pk";
    private static final String FORWARDED = "SELECT q.message_pk, MIN(q.updated_at) FROM queue_items q"
            + " JOIN messages m ON m.pk = q.message_pk WHERE %s AND m.direction = 'IN' AND q.queue_name = ?"
            + " AND q.state = 'DONE' AND q.updated_at < ? GROUP BY q.message_pk";
    private static final String DELIVERED = "SELECT a.message_pk, MIN(a.attempted_at) FROM delivery_attempts a"
            + " JOIN messages m ON m.pk = a.message_pk WHERE %s AND m.direction = 'OUT'"
            + " AND a.outcome = 'DELIVERED' AND a.attempted_at < ? GROUP BY a.message_pk";
    private static final String REPLIES = "SELECT r.pk, r.in_reply_to, r.partner, r.direction, r.kind, r.created_at,"
            + " r.message_xml, r.message_id, r.sealed FROM messages r JOIN messages m ON m.message_id ="
            + " r.in_reply_to AND m.partner = r.partner"
            + " WHERE %s AND r.kind IN (%s) AND r.created_at < ? ORDER BY r.created_at, r.pk";

    private StatisticsRows() {}

    static Data read(Tx tx, Query q) throws SQLException {
        String period = "m.kind IN (" + marks(q.requestKinds().size()) + ") AND m.created_at >= ? AND m.created_at < ?";
        Map<Long, Instant> forwarded =
                firstTimes(tx, String.format(FORWARDED, period), q, Queue.FORWARDING.dbName(), q.asOf());
        Map<Long, Instant> delivered = firstTimes(tx, String.format(DELIVERED, period), q, q.asOf());
        List<Request> requests = new ArrayList<>();
        try (PreparedStatement ps = tx.connection.prepareStatement(String.format(REQUESTS, period))) {
            bindPeriod(ps, q);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long pk = rs.getLong(1);
                    requests.add(new Request(
                            pk,
                            rs.getString(2),
                            Direction.valueOf(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Rows.time(rs, "created_at"),
                            forwarded.get(pk),
                            delivered.get(pk)));
                }
            }
        }
        return new Data(requests, replies(tx, period, q));
    }

    private static List<Reply> replies(Tx tx, String period, Query q) throws SQLException {
        List<Reply> out = new ArrayList<>();
        try (PreparedStatement ps = tx.connection.prepareStatement(
                String.format(REPLIES, period, marks(q.replyKinds().size())))) {
            int i = bindPeriod(ps, q);
            for (String kind : q.replyKinds()) {
                ps.setString(i++, kind);
            }
            Rows.setTime(ps, i, q.asOf());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Direction direction = Direction.valueOf(rs.getString(4));
                    byte[] xml = tx.sealing.read(
                            rs,
                            "message_xml",
                            rs.getBoolean("sealed"),
                            Sealing.binding(direction, rs.getString(3), rs.getString("message_id"), "message_xml"));
                    out.add(new Reply(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            direction,
                            rs.getString(5),
                            Rows.time(rs, "created_at"),
                            xml));
                }
            }
        }
        return out;
    }

    private static Map<Long, Instant> firstTimes(Tx tx, String sql, Query q, Object... more) throws SQLException {
        Map<Long, Instant> out = new HashMap<>();
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            int i = bindPeriod(ps, q);
            for (Object value : more) {
                Rows.bind(ps, i++, value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getLong(1),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }
        return out;
    }

    /** Binds the request kinds and the period; returns the next parameter index. */
    private static int bindPeriod(PreparedStatement ps, Query q) throws SQLException {
        int i = 1;
        for (String kind : q.requestKinds()) {
            ps.setString(i++, kind);
        }
        Rows.setTime(ps, i++, q.from());
        Rows.setTime(ps, i++, q.until());
        return i;
    }

    private static String marks(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(x -> "?").collect(Collectors.joining(", "));
    }
}
