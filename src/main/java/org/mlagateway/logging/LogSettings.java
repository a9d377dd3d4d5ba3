package org.mlagateway.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The log's format and level, chosen when a command starts ({@code --log-format}, {@code --log-level}).
 * {@code logback.xml} reads them as the properties {@code mlagateway.log.format} ({@code text}: one
 * line per event with its ISO-8601 date and zone; {@code json}: one JSON object per line, for log
 * shippers) and {@code mlagateway.log.level} (the gateway's own loggers); setting them reloads it.
 */
public final class LogSettings {
    public static final List<String> FORMATS = List.of("text", "json");
    public static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private LogSettings() {}

    /** Applies whichever of the two is not null; the values must be one of {@link #FORMATS} and {@link #LEVELS}. */
    public static void apply(String format, String level) {
        if (format == null && level == null) {
            return;
        }
        if (format != null) {
            String f = format.toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(f)) {
                throw new IllegalArgumentException("unknown log format '" + format + "'; one of " + FORMATS);
            }
            System.setProperty("mlagateway.log.format", f);
        }
        if (level != null) {
            String l = level.toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(l)) {
                throw new IllegalArgumentException("unknown log level '" + level + "'; one of " + LEVELS);
            }
            System.setProperty("mlagateway.log.level", l);
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                throw new IllegalStateException("cannot reload the logging configuration", e);
            }
        }
    }
}
