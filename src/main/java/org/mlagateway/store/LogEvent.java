package org.mlagateway.store;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An event to append to the message log. {@code details} is a small JSON object with sorted keys
 * (see {@link #of}); it must never hold payload or personal data: ids, codes, counts, queue names.
 * An empty message or conversation id is taken as none, so the canonical encoding's empty line
 * stands for one stored value only (NULL).
 */
public record LogEvent(String event, String messageId, String conversationId, String actor, String details) {
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z-]{0,31}");
    static final int MAX_DETAILS = 2000;

    public LogEvent {
        messageId = messageId == null || messageId.isEmpty() ? null : messageId;
        conversationId = conversationId == null || conversationId.isEmpty() ? null : conversationId;
        if (event == null || !EVENT.matcher(event).matches()) {
            throw new IllegalArgumentException(
                    "Invalid log event '" + event + "'; lower-case letters and '-', at most 32");
        }
        requireLine("messageId", messageId, 64, true);
        requireLine("conversationId", conversationId, 64, true);
        requireLine("actor", actor, 128, false);
        requireLine("details", details, MAX_DETAILS, false);
        if (!details.startsWith("{") || !details.endsWith("}")) {
            throw new IllegalArgumentException("details must be a JSON object");
        }
    }

    /** An event whose details are written as compact JSON with sorted keys. */
    public static LogEvent of(
            String event, String messageId, String conversationId, String actor, Map<String, ?> details) {
        return new LogEvent(event, messageId, conversationId, actor, DetailsJson.write(details));
    }

    /**
     * Fields are lines of the canonical encoding: no line break, and no other control character
     * either, so that tools may split rows on one (docs/message-log.md).
     */
    static void requireLine(String name, String value, int max, boolean nullable) {
        if (value == null) {
            if (nullable) {
                return;
            }
            throw new IllegalArgumentException(name + " is required");
        }
        if (!nullable && value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is " + value.length() + " characters; at most " + max);
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(name + " must not contain a line break or other control character");
        }
    }
}
