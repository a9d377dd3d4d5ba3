package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a partner writes is cut and cleaned before we keep it; what it asks of our timing is bounded. */
class PartnerTextTest {
    @Test
    void controlAndInvisibleCharacters_areRemoved_andWhiteSpaceRunsBecomeOneSpace() {
        assertEquals("Line one line two", PartnerText.clean("Line one\r\n\tline two", 100));
        assertEquals("evilcode", PartnerText.clean("evil\u0000\u0007\u001b\u0085\u009b\u202e\u200bcode", 100));
        assertEquals("a b", PartnerText.clean("  a \u2028 b\n", 100));
        assertNull(PartnerText.clean("\u0001\u202e \n", 100));
        assertNull(PartnerText.clean(null, 100));
    }

    @Test
    void longText_isCutToItsBound_neverInsideACharacter() {
        assertEquals("A".repeat(64), PartnerText.clean("A".repeat(100_000), 64));
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertEquals("x", PartnerText.clean("x" + emoji, 2));
        assertEquals("x" + emoji, PartnerText.clean("x" + emoji + "y", 3));
    }

    @Test
    void retryAfter_readsSecondsAndHttpDates_andIgnoresTheRest() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(Optional.of(" 120 "), now));
        assertEquals(
                Optional.of(Duration.ofSeconds(90)),
                RetryAfter.parse(Optional.of("Sun, 01 Mar 2026 10:01:30 GMT"), now));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("Sun, 01 Mar 2026 09:00:00 GMT"), now), "past");
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("-5"), now));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("99999999999999999999"), now));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("soon"), now));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.empty(), now));
    }
}
