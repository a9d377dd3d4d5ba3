package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.config.ApiRole;
import org.mlagateway.message.Sha256;

/** Sessions end when idle or too old; logins need the right token and the operator role. */
class OperatorPagesSessionsTest {
    /** A clock the test moves. */
    static final class Ticking extends Clock {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void sessionIds_are256RandomBits_andDistinct() {
        Sessions sessions = new Sessions(Clock.systemUTC());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String id =
                    sessions.start("operator", OperatorSession.Access.OPERATOR).orElseThrow();
            assertEquals(32, Base64.getUrlDecoder().decode(id).length);
            assertTrue(ids.add(id));
        }
    }

    @Test
    void aSession_endsAfterThirtyIdleMinutes_butEachRequestMovesThatOn() {
        Ticking clock = new Ticking();
        Sessions sessions = new Sessions(clock);
        String id = sessions.start("operator", OperatorSession.Access.OPERATOR).orElseThrow();
        String csrf = sessions.find(id).orElseThrow().csrf();
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertEquals(csrf, sessions.find(id).orElseThrow().csrf(), "still live, same CSRF token");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(id).isPresent(), "the last request moved the idle expiry on");
        clock.now = clock.now.plus(Sessions.IDLE);
        assertFalse(sessions.find(id).isPresent());
    }

    @Test
    void aSession_endsTwelveHoursAfterLogin_however_busy() {
        Ticking clock = new Ticking();
        Sessions sessions = new Sessions(clock);
        String id = sessions.start("operator", OperatorSession.Access.OPERATOR).orElseThrow();
        for (int i = 0; i < 12 * 3; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(20));
            boolean live = sessions.find(id).isPresent();
            assertEquals(i < 12 * 3 - 1, live, "after " + (i + 1) * 20 + " minutes");
        }
    }

    @Test
    void logout_endsTheSession_andCsrfTokensCompareExactly() {
        Sessions sessions = new Sessions(Clock.systemUTC());
        String id = sessions.start("operator", OperatorSession.Access.OPERATOR).orElseThrow();
        OperatorSession s = sessions.find(id).orElseThrow();
        assertTrue(Sessions.sameToken(s.csrf(), s.csrf()));
        assertFalse(Sessions.sameToken(s.csrf(), s.csrf().substring(1)));
        assertFalse(Sessions.sameToken(s.csrf(), null));
        assertNotEquals(id, s.csrf());
        sessions.end(id);
        assertFalse(sessions.find(id).isPresent());
    }

    @Test
    void logins_needTheTokenOfThatClient_andTheOperatorRole() {
        Logins logins = new Logins(List.of(
                new ApiClientConfig("operator", Sha256.hex("op-token"), List.of(ApiRole.OPERATOR)),
                new ApiClientConfig("root", Sha256.hex("admin-token"), List.of(ApiRole.ADMIN)),
                new ApiClientConfig("translator", Sha256.hex("tr-token"), List.of(ApiRole.TRANSLATOR)),
                new ApiClientConfig("auditor", Sha256.hex("au-token"), List.of(ApiRole.AUDITOR))));
        assertEquals(Logins.Outcome.OPERATOR, logins.check("operator", "op-token"));
        assertEquals(Logins.Outcome.OPERATOR, logins.check("root", "admin-token"), "admin holds every role");
        assertEquals(Logins.Outcome.WRONG_TOKEN, logins.check("operator", "tr-token"));
        assertEquals(Logins.Outcome.WRONG_TOKEN, logins.check("operator", null));
        assertEquals(Logins.Outcome.UNKNOWN_CLIENT, logins.check("nobody", "op-token"));
        assertEquals(Logins.Outcome.NOT_OPERATOR, logins.check("translator", "tr-token"));
        assertEquals(Logins.Outcome.AUDITOR, logins.check("auditor", "au-token"));
        assertEquals("operator", logins.loggable("operator"));
        assertEquals(
                "(not a configured client)",
                logins.loggable("op-token"),
                "a token typed into the client field never reaches a log");
    }
}
