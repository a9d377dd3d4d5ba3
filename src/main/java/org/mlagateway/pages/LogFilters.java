package org.mlagateway.pages;

import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.store.LogQuery;

/**
 * The log page's filter form: the query parameters it sends, the {@link LogQuery} they make (the
 * same query object as {@code gateway log search}), and the links that keep them across pages.
 */
final class LogFilters {
    static final List<String> NAMES = List.of(
            "direction",
            "partner",
            "kind",
            "requestType",
            "status",
            "conversationId",
            "messageId",
            "correlationId",
            "errorCode",
            "from",
            "to",
            "flagged",
            "overdue",
            "q",
            "limit");
    private final Map<String, String> values = new LinkedHashMap<>();

    LogFilters(MultivaluedMap<String, String> query) {
        for (String name : NAMES) {
            String v = query.getFirst(name);
            if (v != null && !v.isBlank()) {
                values.put(name, v.strip());
            }
        }
    }

    String get(String name) {
        return values.getOrDefault(name, "");
    }

    boolean checked(String name) {
        return !get(name).isEmpty() && !"false".equals(get(name));
    }

    /** The query; IllegalArgumentException names the filter that is invalid. */
    LogQuery query(String after) {
        int limit = LogQuery.DEFAULT_LIMIT;
        if (!get("limit").isEmpty()) {
            try {
                limit = Integer.parseInt(get("limit"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid page size; a number between 1 and " + LogQuery.MAX_LIMIT);
            }
        }
        return LogQuery.builder()
                .direction(get("direction"))
                .partner(get("partner"))
                .kind(get("kind"))
                .requestType(get("requestType"))
                .status(get("status"))
                .conversationId(get("conversationId"))
                .messageId(get("messageId"))
                .correlationId(get("correlationId"))
                .errorCode(get("errorCode"))
                .from(get("from"))
                .to(get("to"))
                .flagged(checked("flagged"))
                .overdue(checked("overdue"))
                .text(get("q"))
                .after(after)
                .limit(limit)
                .build();
    }

    /** The log page's URL with these filters, and {@code after} when given. */
    String url(String after) {
        StringBuilder b = new StringBuilder(OperatorPages.PATH).append("/log");
        char sep = '?';
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(sep)
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        if (after != null) {
            b.append(sep).append("after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** A link to the log filtered by one field only. */
    static String only(String name, String value) {
        return OperatorPages.PATH + "/log?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
