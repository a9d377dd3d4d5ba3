package org.mlagateway.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One search of the message log, as the operator pages and {@code gateway log search} ask it: the
 * messages, and the rejected delivery attempts, that match every filter given, newest first. Null
 * and false filters are not applied. Rejected attempts can only match the filters they carry
 * (direction IN, partner, message id, correlation id, error code, dates, status {@code REJECTED});
 * a filter on anything else leaves them out.
 *
 * <p>Paging is by key: {@code after} is the {@link LogPage#next()} cursor of the previous page, so
 * a page never repeats or skips a row when new messages arrive meanwhile. {@code from} is
 * inclusive, {@code to} exclusive. {@code text} is matched word by word against the normalised
 * subject and summary fields ({@link SearchText}).
 */
public record LogQuery(
        Direction direction,
        String partner,
        String kind,
        String requestType,
        String status,
        String conversationId,
        String messageId,
        String correlationId,
        String errorCode,
        Instant from,
        Instant to,
        boolean flagged,
        boolean overdue,
        String text,
        String after,
        int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** The status a rejected attempt is listed with. */
    public static final String REJECTED = "REJECTED";

    /** The statuses a row can have: a message's, or {@link #REJECTED} for a rejected attempt. */
    public static final java.util.List<String> STATUSES = java.util.stream.Stream.concat(
                    java.util.Arrays.stream(MessageStatus.values()).map(Enum::name),
                    java.util.stream.Stream.of(REJECTED))
            .toList();

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CURSOR = Pattern.compile("(-?[0-9]{1,19})\\.([MR])([0-9]{1,19})");
    /**
     * The dates a search may name. Beyond them a time no longer fits the store's microsecond
     * columns; nothing the gateway stores is older than the first or newer than the last.
     */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public LogQuery {
        partner = code("partner", partner);
        kind = code("kind", kind);
        requestType = code("requestType", requestType);
        status = code("status", status);
        conversationId = code("conversationId", conversationId);
        messageId = code("messageId", messageId);
        correlationId = code("correlationId", correlationId);
        errorCode = code("errorCode", errorCode);
        if (status != null) {
            status = status.toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException(
                        "Invalid status '" + Check.sanitize(status, 40) + "'; one of " + String.join(", ", STATUSES));
            }
        }
        requireInRange("from", from);
        requireInRange("to", to);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the date range is empty: 'from' must be before 'to'");
        }
        text = text == null || text.isBlank() ? null : Check.sanitize(text.strip(), 200);
        after = after == null || after.isBlank() ? null : after.strip();
        if (after != null && !validCursor(after)) {
            throw new IllegalArgumentException("invalid page cursor '" + Check.sanitize(after, 40) + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "Invalid page size " + limit + "; value must be between 1 and " + MAX_LIMIT);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same search, from the page after {@code cursor}. */
    public LogQuery after(String cursor) {
        return new LogQuery(
                direction,
                partner,
                kind,
                requestType,
                status,
                conversationId,
                messageId,
                correlationId,
                errorCode,
                from,
                to,
                flagged,
                overdue,
                text,
                cursor,
                limit);
    }

    /** Whether messages can match (a correlation id or status REJECTED names rejections only). */
    boolean includesMessages() {
        return correlationId == null && !REJECTED.equals(status);
    }

    /** Whether rejected attempts can match: no filter on something a rejection does not carry. */
    boolean includesRejections() {
        return (direction == null || direction == Direction.IN)
                && (status == null || REJECTED.equals(status))
                && kind == null
                && requestType == null
                && conversationId == null
                && !flagged
                && !overdue
                && text == null;
    }

    List<String> terms() {
        return SearchText.terms(text);
    }

    /** The decoded cursor, or null on the first page. */
    Cursor cursor() {
        if (after == null) {
            return null;
        }
        var m = CURSOR.matcher(after);
        m.matches();
        return new Cursor(Long.parseLong(m.group(1)), m.group(2).charAt(0) == 'M', Long.parseLong(m.group(3)));
    }

    /** A position in the newest-first order: time, then messages before rejections, then key descending. */
    record Cursor(long micros, boolean message, long key) {
        String encode() {
            return micros + "." + (message ? 'M' : 'R') + key;
        }
    }

    private static boolean validCursor(String after) {
        var m = CURSOR.matcher(after);
        if (!m.matches()) {
            return false;
        }
        try {
            long micros = Long.parseLong(m.group(1));
            Long.parseLong(m.group(3));
            return micros >= SearchRows.micros(EARLIEST) && micros <= SearchRows.micros(LATEST);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void requireInRange(String name, Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
            throw new IllegalArgumentException("Invalid " + name + "; a time between " + EARLIEST + " and " + LATEST);
        }
    }

    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!CODE.matcher(v).matches()) {
            throw new IllegalArgumentException("Invalid " + name + " '" + Check.sanitize(v, 40)
                    + "'; letters, digits and . _ : - only, at most 128");
        }
        return v;
    }

    /** Builds a query from text values as typed on a page or a command line; each setter validates. */
    public static final class Builder {
        private Direction direction;
        private String partner;
        private String kind;
        private String requestType;
        private String status;
        private String conversationId;
        private String messageId;
        private String correlationId;
        private String errorCode;
        private Instant from;
        private Instant to;
        private boolean flagged;
        private boolean overdue;
        private String text;
        private String after;
        private int limit = DEFAULT_LIMIT;

        /** {@code IN} or {@code OUT}, any case; blank for both. */
        public Builder direction(String value) {
            if (value == null || value.isBlank()) {
                direction = null;
                return this;
            }
            try {
                direction = Direction.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid direction '" + Check.sanitize(value, 10) + "'; IN or OUT");
            }
            return this;
        }

        public Builder partner(String value) {
            partner = value;
            return this;
        }

        /** A message kind (e.g. {@code EXTRADITION_REQUEST}). */
        public Builder kind(String value) {
            kind = value;
            return this;
        }

        public Builder requestType(String value) {
            requestType = value;
            return this;
        }

        public Builder status(String value) {
            status = value;
            return this;
        }

        public Builder conversationId(String value) {
            conversationId = value;
            return this;
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        public Builder correlationId(String value) {
            correlationId = value;
            return this;
        }

        public Builder errorCode(String value) {
            errorCode = value;
            return this;
        }

        /** A date ({@code 2025-03-01}, from its start, UTC) or an ISO 8601 instant with offset. */
        public Builder from(String value) {
            from = time("from", value, false);
            return this;
        }

        /** A date ({@code 2025-03-31}, up to its end, UTC) or an ISO 8601 instant (exclusive). */
        public Builder to(String value) {
            to = time("to", value, true);
            return this;
        }

        public Builder from(Instant value) {
            from = value;
            return this;
        }

        public Builder to(Instant value) {
            to = value;
            return this;
        }

        public Builder flagged(boolean value) {
            flagged = value;
            return this;
        }

        public Builder overdue(boolean value) {
            overdue = value;
            return this;
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        public Builder after(String cursor) {
            after = cursor;
            return this;
        }

        public Builder limit(int value) {
            limit = value;
            return this;
        }

        public LogQuery build() {
            return new LogQuery(
                    direction,
                    partner,
                    kind,
                    requestType,
                    status,
                    conversationId,
                    messageId,
                    correlationId,
                    errorCode,
                    from,
                    to,
                    flagged,
                    overdue,
                    text,
                    after,
                    limit);
        }

        private static Instant time(String name, String value, boolean endOfDay) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String v = value.strip();
            try {
                if (v.length() == 10) {
                    LocalDate date = LocalDate.parse(v);
                    return (endOfDay ? date.plusDays(1) : date)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                }
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Invalid " + name + " '" + Check.sanitize(v, 40)
                        + "'; a date such as 2025-03-01 or an instant such as 2025-03-01T10:00:00Z");
            }
        }
    }
}
