package org.mlagateway.access;

import java.time.Duration;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** A caller that must wait before trying credentials again: HTTP 429 with {@code Retry-After}. */
public final class Throttled extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public Throttled(Duration wait) {
        super(ErrorCode.TOO_MANY_REQUESTS, "too many failed attempts; retry in " + seconds(wait) + " s");
        this.retryAfterSeconds = seconds(wait);
    }

    /** Whole seconds, rounded up and at least one (RFC 9110 §10.2.3 {@code delay-seconds}). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long seconds(Duration wait) {
        long s = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
