package org.mlagateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The operator search ({@link LogQuery}) and the search rows it reads. Messages and rejected
 * attempts (log entries with event {@code rejected}) are read by two keyset queries, each limited
 * to one more than a page, and merged in Java in one order: time descending, messages before
 * rejections at the same microsecond, then key descending. That order is total, so the cursor of
 * the last row shown names exactly where the next page starts.
 */
final class SearchRows {
    private static final String INSERT =
            "INSERT INTO message_search (message_pk, subject, search_text) VALUES (?, ?, ?)";
    private static final String MESSAGES = "SELECT m.pk, m.created_at, m.direction, m.partner, m.message_id,"
            + " m.conversation_id, m.kind, m.request_type, m.status, s.subject,"
            + " (SELECT MAX(q.flags) FROM queue_items q WHERE q.message_pk = m.pk) AS flag,"
            + " (SELECT MIN(q.due_at) FROM queue_items q WHERE q.message_pk = m.pk AND q.state <> 'DONE') AS due_at"
            + " FROM messages m LEFT JOIN message_search s ON s.message_pk = m.pk";
    private static final String REJECTIONS =
            "SELECT seq, at_micros, message_id, details FROM message_log" + " WHERE event = 'rejected'";
    private static final char ESCAPE = '!';
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<LogRow> NEWEST_FIRST = Comparator.comparing((LogRow r) -> micros(r.at()))
            .reversed()
            .thenComparing(r -> r.type() == LogRow.Type.MESSAGE ? 0 : 1)
            .thenComparing(Comparator.comparingLong(LogRow::key).reversed());

    private SearchRows() {}

    /** Writes the search row of a message inserted in this transaction. */
    static void insert(Tx tx, long pk, SearchText search) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(INSERT)) {
            ps.setLong(1, pk);
            ps.setString(2, search.subject());
            ps.setString(3, search.text());
            ps.executeUpdate();
        }
    }

    static LogPage search(Tx tx, LogQuery q) throws SQLException {
        List<LogRow> rows = new ArrayList<>();
        if (q.includesMessages()) {
            rows.addAll(messages(tx, q));
        }
        if (q.includesRejections()) {
            rows.addAll(rejections(tx, q));
        }
        rows.sort(NEWEST_FIRST);
        if (rows.size() <= q.limit()) {
            return new LogPage(rows, null);
        }
        List<LogRow> page = rows.subList(0, q.limit());
        LogRow last = page.get(page.size() - 1);
        return new LogPage(page, new LogQuery.Cursor(micros(last.at()), !last.isRejection(), last.key()).encode());
    }

    private static List<LogRow> messages(Tx tx, LogQuery q) throws SQLException {
        Sql sql = new Sql(MESSAGES, false);
        sql.where(
                "m.direction = ?", q.direction() == null ? null : q.direction().name());
        sql.where("m.partner = ?", q.partner());
        sql.where("m.kind = ?", q.kind());
        sql.where("m.request_type = ?", q.requestType());
        sql.where("m.status = ?", q.status());
        sql.where("m.conversation_id = ?", q.conversationId());
        sql.where("m.message_id = ?", q.messageId());
        sql.where("m.created_at >= ?", q.from());
        sql.where("m.created_at < ?", q.to());
        sql.where(
                "EXISTS (SELECT 1 FROM delivery_attempts a WHERE a.message_pk = m.pk AND a.error_code = ?)",
                q.errorCode());
        if (q.flagged()) {
            sql.where("EXISTS (SELECT 1 FROM queue_items q WHERE q.message_pk = m.pk AND q.flags IS NOT NULL)");
        }
        if (q.overdue()) {
            sql.where(
                    "EXISTS (SELECT 1 FROM queue_items q WHERE q.message_pk = m.pk AND q.state <> 'DONE'"
                            + " AND q.due_at < ?)",
                    tx.now);
        }
        for (String term : q.terms()) {
            // TRANSLATE folds search texts stored before the damage folding (SearchText) as the query is folded.
            sql.where(
                    "TRANSLATE(s.search_text, ?, ?) LIKE ? ESCAPE '" + ESCAPE + "'",
                    SearchText.DAMAGED,
                    SearchText.INTACT,
                    "%" + likeEscape(term) + "%");
        }
        LogQuery.Cursor c = q.cursor();
        if (c != null) {
            Instant t = instant(c.micros());
            if (c.message()) {
                sql.where("(m.created_at < ? OR (m.created_at = ? AND m.pk < ?))", t, t, c.key());
            } else {
                sql.where("m.created_at < ?", t);
            }
        }
        sql.append(" ORDER BY m.created_at DESC, m.pk DESC LIMIT ?", q.limit() + 1);
        List<LogRow> out = new ArrayList<>();
        try (PreparedStatement ps = sql.prepare(tx);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LogRow(
                        LogRow.Type.MESSAGE,
                        rs.getLong("pk"),
                        Rows.time(rs, "created_at"),
                        Direction.valueOf(rs.getString("direction")),
                        rs.getString("partner"),
                        rs.getString("message_id"),
                        rs.getString("conversation_id"),
                        rs.getString("kind"),
                        rs.getString("request_type"),
                        rs.getString("status"),
                        rs.getString("subject"),
                        null,
                        null,
                        rs.getString("flag"),
                        Rows.time(rs, "due_at")));
            }
        }
        return out;
    }

    private static List<LogRow> rejections(Tx tx, LogQuery q) throws SQLException {
        Sql sql = new Sql(REJECTIONS, true);
        sql.whereDetail("sender", q.partner());
        sql.whereDetail("code", q.errorCode());
        sql.whereDetail("correlationId", q.correlationId());
        sql.where("message_id = ?", q.messageId());
        sql.where("at_micros >= ?", q.from() == null ? null : micros(q.from()));
        sql.where("at_micros < ?", q.to() == null ? null : micros(q.to()));
        LogQuery.Cursor c = q.cursor();
        if (c != null) {
            if (c.message()) {
                sql.where("at_micros <= ?", c.micros());
            } else {
                sql.where("(at_micros < ? OR (at_micros = ? AND seq < ?))", c.micros(), c.micros(), c.key());
            }
        }
        sql.append(" ORDER BY at_micros DESC, seq DESC LIMIT ?", q.limit() + 1);
        List<LogRow> out = new ArrayList<>();
        try (PreparedStatement ps = sql.prepare(tx);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                JsonNode details = details(rs.getString("details"));
                out.add(new LogRow(
                        LogRow.Type.REJECTION,
                        rs.getLong("seq"),
                        instant(rs.getLong("at_micros")),
                        Direction.IN,
                        text(details, "sender"),
                        rs.getString("message_id"),
                        null,
                        null,
                        null,
                        LogQuery.REJECTED,
                        null,
                        text(details, "code"),
                        text(details, "correlationId"),
                        null,
                        null));
            }
        }
        return out;
    }

    private static JsonNode details(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            // The chain's hash covers the text as written; an unreadable object is shown without its fields.
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode details, String field) {
        JsonNode value = details.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * Microseconds since the epoch. Computed from seconds: {@code ChronoUnit.MICROS.between} goes
     * through nanoseconds and overflows for times more than 292 years from the epoch.
     */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** LIKE treats % and _ as wildcards; the escape character makes them literal. */
    static String likeEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' || ch == '_' || ch == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** A SELECT with AND-ed conditions and their parameters, in order. */
    private static final class Sql {
        private final StringBuilder text;
        private final List<Object> params = new ArrayList<>();
        private boolean hasWhere;

        /** {@code hasWhere}: whether {@code select} ends in a WHERE clause to extend with AND. */
        Sql(String select, boolean hasWhere) {
            this.text = new StringBuilder(select);
            this.hasWhere = hasWhere;
        }

        /** Adds the condition when its (single) value is given; conditions without parameters always. */
        void where(String condition, Object... values) {
            if (values.length == 1 && values[0] == null) {
                return;
            }
            text.append(hasWhere ? " AND " : " WHERE ").append(condition);
            hasWhere = true;
            params.addAll(List.of(values));
        }

        /**
         * A condition on one field of the details JSON. The writer sorts keys and escapes quotes in
         * values, so {@code "field":"value"} with bare quotes occurs only as that key and value; the
         * value itself is a validated code ({@link LogQuery}).
         */
        void whereDetail(String field, String value) {
            if (value != null) {
                where(
                        "details LIKE ? ESCAPE '" + ESCAPE + "'",
                        "%" + likeEscape("\"" + field + "\":\"" + value + "\"") + "%");
            }
        }

        void append(String tail, Object value) {
            text.append(tail);
            params.add(value);
        }

        PreparedStatement prepare(Tx tx) throws SQLException {
            PreparedStatement ps = tx.connection.prepareStatement(text.toString());
            try {
                for (int i = 0; i < params.size(); i++) {
                    Rows.bind(ps, i + 1, params.get(i));
                }
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }
    }
}
