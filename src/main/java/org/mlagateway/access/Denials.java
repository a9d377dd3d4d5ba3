package org.mlagateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Denied calls and failed logins, counted per event, client and remote address over each
 * {@link #INTERVAL}, and written as one message-log entry per such key and interval carrying the
 * count (rather than one permanent entry per request, which let a flood of bad tokens fill the
 * hash chain and every evidence bundle). The application log gets one line when a key is first
 * denied in an interval and one with the count when the interval is written.
 *
 * <p>An interval is written when the next one begins: by the next denial, by a once-a-second
 * check, or by {@link #flush()} on shutdown. Values from the request (path, client id as typed)
 * are cut to {@link #MAX_VALUE} characters, never dropped. Memory is bounded by {@link #MAX_KEYS}
 * keys per interval; further keys are counted under one overflow key.
 */
final class Denials {
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int MAX_KEYS = 1_000;
    static final int MAX_VALUE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Denials.class);

    private record Key(String event, String actor, String client, String address) {}

    private static final class Tally {
        final Instant first;
        Instant last;
        long count;
        final Map<String, Long> reasons = new TreeMap<>();
        final String path;

        Tally(Instant first, String path) {
            this.first = first;
            this.path = path;
        }
    }

    private final MessageLog store;
    private final Clock clock;
    private Map<Key, Tally> open = new HashMap<>();
    private long window = Long.MIN_VALUE;

    Denials(MessageLog store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Counts one denial. {@code client} is the client id when one is known (may be null),
     * {@code reason} an error code or a short reason, {@code path} what was asked for (may be null).
     */
    void record(String event, String actor, String client, String address, String reason, String path) {
        Instant now = clock.instant();
        Map<Key, Tally> closed = null;
        boolean firstOfKey;
        Key key;
        synchronized (this) {
            long w = windowOf(now);
            if (w != window) {
                closed = open.isEmpty() ? null : open;
                open = new HashMap<>();
                window = w;
            }
            key = new Key(event, actor, cut(client), cut(address == null ? "?" : address));
            if (!open.containsKey(key) && open.size() >= MAX_KEYS) {
                key = new Key(event, actor, null, Throttle.OVERFLOW);
            }
            Tally t = open.get(key);
            firstOfKey = t == null;
            if (firstOfKey) {
                t = new Tally(now, cut(path));
                open.put(key, t);
            }
            t.count++;
            t.last = now;
            t.reasons.merge(cut(reason), 1L, Long::sum);
        }
        if (firstOfKey) {
            LOG.info(
                    "{}: {} from {}{}{}; further ones from there this minute are counted",
                    event,
                    reason,
                    key.address(),
                    key.client() == null ? "" : " (client " + key.client() + ")",
                    path == null ? "" : " for " + cut(path));
        }
        if (closed != null) {
            write(closed);
        }
    }

    /** Writes the intervals that have ended; called once a second. */
    void writeEnded() {
        Map<Key, Tally> closed;
        synchronized (this) {
            if (open.isEmpty() || windowOf(clock.instant()) == window) {
                return;
            }
            closed = open;
            open = new HashMap<>();
        }
        write(closed);
    }

    /** Writes every count now, including the current interval's (on shutdown, and for tests). */
    void flush() {
        Map<Key, Tally> all;
        synchronized (this) {
            all = open;
            open = new HashMap<>();
        }
        write(all);
    }

    private long windowOf(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), INTERVAL.toMillis());
    }

    private void write(Map<Key, Tally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        List<LogEvent> events = new ArrayList<>(tallies.size());
        for (Map.Entry<Key, Tally> e : tallies.entrySet()) {
            Key k = e.getKey();
            Tally t = e.getValue();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("remoteAddress", k.address());
            if (k.client() != null) {
                details.put("client", k.client());
            }
            details.put("count", t.count);
            details.put("reasons", reasons(t.reasons));
            details.put("first", t.first.toString());
            details.put("last", t.last.toString());
            if (t.path != null) {
                details.put("path", t.path);
            }
            events.add(LogEvent.of(k.event(), null, null, k.actor(), details));
            LOG.info(
                    "{}: {} in all from {}{} between {} and {} ({})",
                    k.event(),
                    t.count,
                    k.address(),
                    k.client() == null ? "" : " (client " + k.client() + ")",
                    t.first,
                    t.last,
                    reasons(t.reasons));
        }
        try {
            store.append(events);
        } catch (RuntimeException e) {
            // The counts are in the application log line above; only the message-log entries are missing.
            LOG.error("could not write {} denial counts to the message log: {}", events.size(), e.getMessage());
        }
    }

    private static String reasons(Map<String, Long> reasons) {
        StringBuilder b = new StringBuilder();
        reasons.forEach((reason, n) ->
                b.append(b.length() == 0 ? "" : ",").append(reason).append('=').append(n));
        return b.toString();
    }

    /** A value from a request, cut (never dropped) to {@link #MAX_VALUE} characters. */
    static String cut(String value) {
        if (value == null || value.length() <= MAX_VALUE) {
            return value;
        }
        int end = MAX_VALUE - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
