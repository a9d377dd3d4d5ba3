package org.mlagateway.pages;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the operator pages, in memory: an id of 256 random bits names a session that
 * ends after {@link #IDLE} without a request or {@link #MAX_AGE} after login, whichever is first.
 * Sessions are not shared between gateway nodes and do not survive a restart: an operator logs in
 * again. Ids are compared by map lookup of the whole value, never logged, and never put in a URL.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration MAX_AGE = Duration.ofHours(12);
    /** Beyond this many live sessions a login is refused rather than memory growing without bound. */
    static final int MAX_SESSIONS = 10_000;

    private final Map<String, OperatorSession> live = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new random token: 32 bytes, base64url without padding. */
    String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Starts a session; returns its id, or empty when {@link #MAX_SESSIONS} are live. */
    Optional<String> start(String name, OperatorSession.Access access) {
        sweep();
        if (live.size() >= MAX_SESSIONS) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String id = token();
        live.put(id, new OperatorSession(name, access, token(), now, now.plus(IDLE)));
        return Optional.of(id);
    }

    /** The live session with this id, its idle expiry moved on; empty if unknown or expired. */
    Optional<OperatorSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        OperatorSession s = live.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!now.isBefore(s.expires()) || !now.isBefore(s.created().plus(MAX_AGE))) {
            live.remove(id, s);
            return Optional.empty();
        }
        OperatorSession touched = s.until(now.plus(IDLE));
        live.replace(id, s, touched);
        return Optional.of(touched);
    }

    /** Remembers the language the operator picked for the session {@code id}, if it is still live. */
    void remember(String id, String language) {
        if (id != null) {
            live.computeIfPresent(id, (k, s) -> s.in(language));
        }
    }

    void end(String id) {
        if (id != null) {
            live.remove(id);
        }
    }

    /** Constant-time comparison of a presented CSRF token with the expected one. */
    static boolean sameToken(String expected, String presented) {
        return expected != null
                && presented != null
                && MessageDigest.isEqual(
                        expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private void sweep() {
        Instant now = clock.instant();
        live.entrySet()
                .removeIf(e -> !now.isBefore(e.getValue().expires())
                        || !now.isBefore(e.getValue().created().plus(MAX_AGE)));
    }
}
