package org.mlagateway.store;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The log of a failure that a worker meets again at every tick while its cause lasts (the database
 * is down): the first failure is one ERROR line, then at most one WARN line per {@code interval}
 * counting the failures since the last line, and one INFO line when it works again. An outage of
 * an hour thus writes some sixty lines, not thousands. Used by one thread.
 */
final class RepeatedFailureLog {
    /** At most one line per minute while the failure lasts. */
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier nanos;
    private boolean failing;
    private long since;
    private long lastLine;
    private long unreported;
    private long total;

    RepeatedFailureLog(Logger log, String what, Duration interval, LongSupplier nanos) {
        this.log = log;
        this.what = what;
        this.intervalNanos = interval.toNanos();
        this.nanos = nanos;
    }

    /** {@code problem} happened (never a payload or a secret: an exception's message). */
    void failed(String problem) {
        long now = nanos.getAsLong();
        total++;
        if (!failing) {
            failing = true;
            since = now;
            lastLine = now;
            unreported = 0;
            log.error(
                    "{}: {}; it carries on, and while this lasts says so at most once every {} s",
                    what,
                    problem,
                    intervalNanos / 1_000_000_000L);
            return;
        }
        unreported++;
        if (now - lastLine >= intervalNanos) {
            log.warn(
                    "{}: still failing, {} more time(s) in the last {} s; the latest: {}",
                    what,
                    unreported,
                    (now - lastLine) / 1_000_000_000L,
                    problem);
            lastLine = now;
            unreported = 0;
        }
    }

    /** The work succeeded: ends a failure, if one lasted. */
    void succeeded() {
        if (failing) {
            log.info(
                    "{}: works again after {} failure(s) over {} s",
                    what,
                    total,
                    (nanos.getAsLong() - since) / 1_000_000_000L);
            failing = false;
            total = 0;
        }
    }

    boolean failing() {
        return failing;
    }
}
