package org.mlagateway.store;

import java.util.Objects;

/**
 * One place where the queue tables, the message status or the receipts disagree with what the
 * message log says happened ({@link StateReport}). Values are ids, names, states and digests only:
 * no payload, no personal data.
 *
 * @param table      the table the row is in: {@code queue_items}, {@code messages} or {@code receipts}
 * @param key        the row, as {@code id=5}, {@code pk=7}, or for a row that is absent the log entry that
 *                   calls for it ({@code log_seq=12})
 * @param field      the column that differs, or null when the whole row is unlogged or missing
 * @param logValue   what the log entries give, or null
 * @param tableValue what the table holds, or null
 */
public record StateFinding(Kind kind, String table, String key, String field, String logValue, String tableValue) {

    /** What is wrong with a row. */
    public enum Kind {
        /** The row exists and the log describes it, but a column holds another value than the log gives. */
        STATE_MISMATCH,
        /** A row that no log entry created. */
        UNLOGGED_ROW,
        /** A row that log entries created (or recorded) is absent. */
        MISSING_ROW
    }

    public StateFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
    }

    static StateFinding mismatch(String table, String key, String field, Object log, Object inTable) {
        return new StateFinding(Kind.STATE_MISMATCH, table, key, field, text(log), text(inTable));
    }

    static StateFinding unlogged(String table, String key) {
        return new StateFinding(Kind.UNLOGGED_ROW, table, key, null, null, null);
    }

    static StateFinding missing(String table, String key) {
        return new StateFinding(Kind.MISSING_ROW, table, key, null, null, null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** One line, e.g. {@code STATE_MISMATCH queue_items id=5 field=target log=mvd table=fsb}. */
    public String describe() {
        StringBuilder out = new StringBuilder(kind.name())
                .append(' ')
                .append(table)
                .append(' ')
                .append(key);
        if (field != null) {
            out.append(" field=")
                    .append(field)
                    .append(" log=")
                    .append(logValue)
                    .append(" table=")
                    .append(tableValue);
        }
        return out.toString();
    }
}
