package org.mlagateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --log-format json}: one JSON object per line, with an ISO-8601 time, whatever the values hold. */
class JsonLinesEncoderTest {
    @Test
    void anEventWithLineBreaksAndAFailure_isOneLineOfJson() throws Exception {
        LoggerContext context = new LoggerContext();
        LogLineEncoder encoder = new LogLineEncoder();
        encoder.setContext(context);
        encoder.setFormat("json");
        encoder.start();
        LoggingEvent e = new LoggingEvent(
                "test",
                context.getLogger("org.mlagateway.api.Problems"),
                Level.WARN,
                "denied {}",
                new IllegalStateException("boom\n12:00:00.000 ERROR forged"),
                new Object[] {"a\n2026-01-01T00:00:00Z ERROR forged"});
        String text = new String(encoder.encode(e), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals(1, lines.size(), text);
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        assertEquals("WARN", json.get("level").asText());
        assertEquals("org.mlagateway.api.Problems", json.get("logger").asText());
        assertEquals(
                "denied a\n2026-01-01T00:00:00Z ERROR forged",
                json.get("message").asText());
        assertTrue(json.get("exception").asText().startsWith("java.lang.IllegalStateException: boom"), text);
        OffsetDateTime.parse(json.get("time").asText());
        context.stop();
    }

    @Test
    void textFormat_carriesTheDateAndZone() {
        LoggerContext context = new LoggerContext();
        LogLineEncoder encoder = new LogLineEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg%n");
        encoder.start();
        LoggingEvent e = new LoggingEvent("test", context.getLogger("x"), Level.INFO, "started", null, new Object[0]);
        String line = new String(encoder.encode(e), StandardCharsets.UTF_8).strip();
        assertTrue(
                line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  started"),
                line);
        context.stop();
    }
}
