package org.mlagateway.security;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.w3c.dom.Element;

/**
 * Step 1: the {@code wsu:Timestamp} (WSS 1.1 §10). It must be present, signed, carry Created and
 * Expires, Created within the clock skew of our clock, Expires in the future and at most 10 minutes
 * after Created (docs/protocol.md). Each failure is {@code TimestampInvalid}, and its Reason says which
 * rule failed, since a partner with a skewed clock must be able to tell (docs/protocol.md#faults.
 */
final class TimestampStep {
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    /** The timestamp rules, each with the sentence a sender is told when it fails. */
    enum Rule {
        MISSING("The security timestamp is missing."),
        UNSIGNED("The security timestamp is not signed."),
        CREATED_MISSING("The security timestamp has no Created."),
        EXPIRES_MISSING("The security timestamp has no Expires."),
        UNREADABLE("The security timestamp's Created or Expires is not a date-time with a time zone."),
        EXPIRED("The security timestamp has expired: its Expires is not in the future."),
        STALE("The security timestamp has expired: its Created is older than the allowed clock skew of %d s."),
        NOT_YET_VALID("The security timestamp is not yet valid: its Created is ahead of the receiver's clock"
                + " by more than the allowed clock skew of %d s."),
        LIFETIME("The security timestamp's Expires must follow its Created by at most " + MAX_LIFETIME.toMinutes()
                + " minutes.");

        private final String sentence;

        Rule(String sentence) {
            this.sentence = sentence;
        }
    }

    /** A TimestampInvalid rejection whose Reason names the rule; only our configured skew is filled in. */
    static final class Invalid extends GatewayException {
        private static final long serialVersionUID = 1L;
        private final Rule rule;

        Invalid(Rule rule, Duration clockSkew) {
            super(ErrorCode.TIMESTAMP_INVALID, String.format(Locale.ROOT, rule.sentence, clockSkew.toSeconds()));
            this.rule = rule;
        }

        Rule rule() {
            return rule;
        }

        /** The rule's sentence, which is also the detail logged here. */
        @Override
        public String reason() {
            return getMessage();
        }
    }

    private final Duration clockSkew;

    TimestampStep(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /**
     * Returns [created, expires]. An expired Expires is reported before a Created outside the skew,
     * as it is the plainer statement of the same late arrival.
     */
    Instant[] check(SecuredEnvelope env, Instant now) {
        Instant[] validity = read(env);
        Instant created = validity[0];
        Instant expires = validity[1];
        if (!expires.isAfter(now)) {
            throw new Invalid(Rule.EXPIRED, clockSkew);
        }
        if (created.isAfter(now.plus(clockSkew))) {
            throw new Invalid(Rule.NOT_YET_VALID, clockSkew);
        }
        if (created.isBefore(now.minus(clockSkew))) {
            throw new Invalid(Rule.STALE, clockSkew);
        }
        if (!expires.isAfter(created) || Duration.between(created, expires).compareTo(MAX_LIFETIME) > 0) {
            throw new Invalid(Rule.LIFETIME, clockSkew);
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
            throw new Invalid(Rule.MISSING, Duration.ZERO);
        }
        if (!SignatureStep.references(env.signature(), SecuredEnvelope.wsuId(ts))) {
            throw new Invalid(Rule.UNSIGNED, Duration.ZERO);
        }
        return new Instant[] {time(ts, "Created", Rule.CREATED_MISSING), time(ts, "Expires", Rule.EXPIRES_MISSING)};
    }

    private static Instant time(Element ts, String name, Rule missing) {
        String text = Dom.text(ts, Namespaces.WSU, name);
        if (text == null) {
            throw new Invalid(missing, Duration.ZERO);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(Rule.UNREADABLE, Duration.ZERO);
        }
    }
}
