package org.mlagateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production logback.xml keeps each event's message on its line, and each exception message too. */
class SafeLogLinesTest {
    private static final Pattern TIME =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) .*");
    private LoggerContext context;
    private ConsoleAppender<ILoggingEvent> appender;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void load() throws Exception {
        context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        appender = (ConsoleAppender<ILoggingEvent>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private List<String> lines(String message, Object arg, Throwable t) {
        LoggingEvent e = new LoggingEvent(
                "test", context.getLogger("org.mlagateway.api.Problems"), Level.INFO, message, t, new Object[] {arg});
        return new String(appender.getEncoder().encode(e), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    @Test
    void controlCharactersInAnArgument_areEscaped_andTheLineStaysOne() {
        List<String> lines = lines("denied {}", "a\n12:00:00.000 ERROR forged\r\u0000\u001b[31m\u2028\u202e!", null);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0).endsWith("denied a\\n12:00:00.000 ERROR forged\\r\\u0000\\u001b[31m\\u2028\\u202e!"),
                lines.get(0));
    }

    @Test
    void textInOtherScripts_isLeftAsItIs() {
        assertTrue(lines("subject {}", "ӨТІНІШ: іс бойынша — запрос", null)
                .get(0)
                .endsWith("subject ӨТІНІШ: іс бойынша — запрос"));
    }

    @Test
    void anExceptionMessage_withALineBreak_cannotStartALineOfItsOwn() {
        Exception cause = new IllegalArgumentException("bad\n12:00:00.000 ERROR o.m.forged cause");
        Exception e = new IllegalStateException("boom\n12:00:00.000 ERROR o.m.forged", cause);
        e.addSuppressed(new RuntimeException("also\r\n12:00:00.000 ERROR suppressed"));
        List<String> lines = lines("failed {}", "x", e);
        assertTrue(TIME.matcher(lines.get(0)).matches(), lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(!TIME.matcher(line).matches(), "a forged line: " + line);
            assertTrue(line.startsWith("\t") || line.startsWith("java.") || line.startsWith("Caused by: "), line);
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("boom\\n12:00:00.000 ERROR o.m.forged"), all);
        assertTrue(all.contains("bad\\n12:00:00.000") && all.contains("also\\r\\n12:00:00.000"), all);
        assertTrue(lines.size() > 5, "the trace itself stays: " + lines.size() + " lines");
    }

    @Test
    void escape_returnsTheSameStringWhenThereIsNothingToEscape() {
        String clean = "nothing to see";
        assertTrue(clean == ControlCharacters.escape(clean));
        assertEquals("tab\\there", ControlCharacters.escape("tab\there"));
        assertEquals("del\\u007f c1\\u0085", ControlCharacters.escape("del\u007f c1\u0085"));
    }
}
