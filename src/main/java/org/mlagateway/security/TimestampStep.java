package org.mlagateway.security;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.w3c.dom.Element;

/**
 * Step 1: the {@code wsu:Timestamp} (WSS 1.1 §10). It must be present, signed, carry Created and
 * Expires, Created within the clock skew of our clock, Expires in the future and at most 10 minutes
 * after Created (PROTOCOL.md).
 */
final class TimestampStep {
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private final Duration clockSkew;

    TimestampStep(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /** Returns [created, expires]. */
    Instant[] check(SecuredEnvelope env, Instant now) {
        Instant[] validity = read(env);
        Instant created = validity[0];
        Instant expires = validity[1];
        if (created.isAfter(now.plus(clockSkew)) || created.isBefore(now.minus(clockSkew))) {
            throw invalid("Created is outside the allowed clock skew of " + clockSkew.toSeconds() + " s");
        }
        if (!expires.isAfter(now)) {
            throw invalid("the Timestamp has expired");
        }
        if (!expires.isAfter(created) || Duration.between(created, expires).compareTo(MAX_LIFETIME) > 0) {
            throw invalid("Expires must follow Created by at most " + MAX_LIFETIME.toMinutes() + " minutes");
        }
        return validity;
    }

    /**
     * The signed Timestamp's [created, expires], without judging them against a clock: for
     * re-checking stored evidence as of the time it was signed.
     */
    static Instant[] read(SecuredEnvelope env) {
        Element ts = env.timestamp();
        if (ts == null) {
            throw invalid("there is no Timestamp");
        }
        if (!SignatureStep.references(env.signature(), SecuredEnvelope.wsuId(ts))) {
            throw invalid("the Timestamp is not signed");
        }
        return new Instant[] {time(ts, "Created"), time(ts, "Expires")};
    }

    private static Instant time(Element ts, String name) {
        String text = Dom.text(ts, Namespaces.WSU, name);
        if (text == null) {
            throw invalid("the Timestamp has no " + name);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name + " is not a date-time with a time zone");
        }
    }

    private static GatewayException invalid(String detail) {
        return new GatewayException(ErrorCode.TIMESTAMP_INVALID, detail);
    }
}
