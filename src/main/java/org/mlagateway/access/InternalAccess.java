package org.mlagateway.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mlagateway.store.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of the internal listener, shared by the API's bearer tokens and the operator
 * pages' logins, since both guess at the same {@code api.clients} tokens.
 *
 * <p>Guarantees: after {@link Throttle#FREE_FAILURES} failed credentials from one remote address,
 * or for one configured client id, further attempts from there are refused without being checked
 * ({@link Throttled}, HTTP 429 with {@code Retry-After}) for a time that doubles with each further
 * failure, up to {@link Throttle#MAX_DELAY}; a client id starts afresh after a successful login.
 * Denied calls and failed logins reach the message log as one counted entry per event, client and
 * address per minute ({@link Denials}). Time comes from the injected clock only.
 */
public final class InternalAccess implements AutoCloseable {
    /** The message-log event of denied API calls (401, 403, 429). */
    public static final String API_DENIED = "api-denied";
    /** The message-log event of failed operator logins. */
    public static final String LOGIN_FAILED = "ops-login-failed";
    /** The message-log event of refused operator-page requests (403: a wrong CSRF token, an auditor's action). */
    public static final String OPS_DENIED = "ops-denied";

    private static final Logger LOG = LoggerFactory.getLogger(InternalAccess.class);

    private final Throttle throttle;
    private final Denials denials;
    private final ScheduledExecutorService ticker;

    private InternalAccess(Throttle throttle, Denials denials, ScheduledExecutorService ticker) {
        this.throttle = throttle;
        this.denials = denials;
        this.ticker = ticker;
    }

    /** Starts the once-a-second writer of ended denial intervals. */
    public static InternalAccess start(MessageLog store, Clock clock) {
        Denials denials = new Denials(store, clock);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "denial-log");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(
                () -> {
                    try {
                        denials.writeEnded();
                    } catch (RuntimeException e) {
                        LOG.error("writing denial counts failed: {}", e.toString());
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        return new InternalAccess(new Throttle(clock), denials, ticker);
    }

    /**
     * Fails with {@link Throttled} when the address, or the configured client id (null when none is
     * named, or the name is not a configured client), must wait before trying credentials again.
     */
    public void requireNotThrottled(String client, String address) {
        Optional<Duration> wait = throttle.locked(addressKey(address));
        if (client != null) {
            Optional<Duration> forClient = throttle.locked(clientKey(client));
            if (forClient.isPresent() && (wait.isEmpty() || forClient.get().compareTo(wait.get()) > 0)) {
                wait = forClient;
            }
        }
        if (wait.isPresent()) {
            throw new Throttled(wait.get());
        }
    }

    /** A wrong token (or an unknown client id) from {@code address}; {@code client} as for the check. */
    public void credentialFailed(String client, String address) {
        throttle.failed(addressKey(address));
        if (client != null) {
            throttle.failed(clientKey(client));
        }
    }

    /** A successful login of a configured client: its own count starts afresh (the address's does not). */
    public void credentialAccepted(String client) {
        throttle.reset(clientKey(client));
    }

    /**
     * Counts a denial for the message log: {@code event} is {@link #API_DENIED},
     * {@link #LOGIN_FAILED} or {@link #OPS_DENIED}, {@code actor} the entry's actor, {@code client} the client id when
     * known, {@code reason} the error code or reason, {@code path} what was asked for (may be null).
     */
    public void denied(String event, String actor, String client, String address, String reason, String path) {
        denials.record(event, actor, client, address, reason, path);
    }

    /** Writes every denial counted so far to the message log now. */
    public void flushDenials() {
        denials.flush();
    }

    @Override
    public void close() {
        // No interrupt: a write in progress must finish (an interrupted H2 file write closes the database).
        ticker.shutdown();
        try {
            ticker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        denials.flush();
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "?" : address);
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }
}
