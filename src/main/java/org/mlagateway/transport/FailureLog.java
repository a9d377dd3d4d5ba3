package org.mlagateway.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's log of what remote clients did wrong or what it refused: one WARN line per event
 * (INFO for a refused credential) with the remote address, at most one line per {@link #INTERVAL_SECONDS} per kind,
 * the next line
 * counting those suppressed in between. A cipher scan or a flood thus writes a handful of lines, not
 * thousands, and never a stack trace: none of these is a fault of the gateway.
 */
final class FailureLog {
    static final long INTERVAL_SECONDS = 10;
    private static final int MAX_DETAIL = 200;
    private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);

    /** What happened, in words an operator reads. */
    enum Kind {
        TLS_HANDSHAKE("TLS handshake failed"),
        NOT_TLS("not TLS (a plain-HTTP probe?) on the TLS port"),
        CLIENT_GONE("client went away mid-request"),
        BAD_REQUEST("malformed HTTP request"),
        CONNECTION_LIMIT("connection limit reached"),
        ACCEPT_FAILED("could not accept connections on"),
        BUSY("refused TemporarilyUnavailable before reading the body"),
        DENIED("refused before reading the body"),
        OVER_BUDGET("chunked body over the budget of bytes in flight, cut"),
        TOO_SLOW("request body arrived too slowly, cut"),
        TOO_LONG("request took too long to arrive, cut"),
        UNEXPECTED("unexpected failure on a connection");

        private final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final String listener;
    private final long intervalNanos;
    private final Map<Kind, long[]> last = new EnumMap<>(Kind.class); // {time of the last line, suppressed since}

    FailureLog(String listener) {
        this(listener, TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));
    }

    FailureLog(String listener, long intervalNanos) {
        this.listener = listener;
        this.intervalNanos = intervalNanos;
    }

    void warn(Kind kind, SocketAddress remote, String detail) {
        long suppressed = admit(kind);
        if (suppressed < 0) {
            return;
        }
        if (kind == Kind.DENIED) {
            // A refused credential is routine (the API logs its own denials at INFO); the rest is a client's fault.
            LOG.info(
                    "{} listener: {} from {}: {}{}",
                    listener,
                    kind.text,
                    address(remote),
                    clean(detail),
                    more(suppressed));
        } else {
            LOG.warn(
                    "{} listener: {} from {}: {}{}",
                    listener,
                    kind.text,
                    address(remote),
                    clean(detail),
                    more(suppressed));
        }
    }

    /** A failure we cannot classify is a defect of ours: ERROR, with its stack trace, still rate-limited. */
    void error(SocketAddress remote, Throwable cause) {
        long suppressed = admit(Kind.UNEXPECTED);
        if (suppressed >= 0) {
            LOG.error(
                    "{} listener: {} from {}{}",
                    listener,
                    Kind.UNEXPECTED.text,
                    address(remote),
                    more(suppressed),
                    cause);
        }
    }

    /** How many lines of this kind were suppressed since the last one, or -1 when this one is suppressed too. */
    private long admit(Kind kind) {
        synchronized (last) {
            long now = System.nanoTime();
            long[] state = last.get(kind);
            if (state != null && now - state[0] < intervalNanos) {
                state[1]++;
                return -1;
            }
            last.put(kind, new long[] {now, 0});
            return state == null ? 0 : state[1];
        }
    }

    private static String more(long suppressed) {
        return suppressed == 0 ? "" : " (" + suppressed + " more since the last such line)";
    }

    static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(remote);
    }

    /** Details may quote what a client sent: cut them short and escape control characters. */
    static String clean(String detail) {
        String text = detail == null ? "" : detail;
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX_DETAIL; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > MAX_DETAIL ? out + "..." : out.toString();
    }
}
