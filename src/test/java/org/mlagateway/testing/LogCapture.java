package org.mlagateway.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one class logs while a test provokes it, instead of printing it: a test that
 * expects a failure can assert the lines an operator would read, and the build output does not
 * show them as if they were real faults. Closing restores the logger.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level;
    private final boolean additive;

    private LogCapture(Logger logger, boolean quiet) {
        this.logger = logger;
        level = logger.getLevel();
        additive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        if (quiet) {
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
        }
    }

    /** Captures the log of {@code source} until closed. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture((Logger) LoggerFactory.getLogger(source), true);
    }

    /**
     * Captures every logger's lines at their configured levels (still printed) until closed: for
     * asserting that nothing at all, from any library, was logged at a level, e.g. no ERROR.
     */
    public static LogCapture everything() {
        return new LogCapture((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), false);
    }

    /** The formatted lines at this level so far, in order. */
    public List<String> lines(Level at) {
        // AppenderBase appends under the appender's own lock, on the threads that log.
        synchronized (appender) {
            return appender.list.stream()
                    .filter(e -> e.getLevel() == at)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** The lines at this level that contain {@code text}. */
    public List<String> lines(Level at, String text) {
        return lines(at).stream().filter(l -> l.contains(text)).toList();
    }

    /** The one line at this level that contains {@code text}; fails unless there is exactly one. */
    public String line(Level at, String text) {
        List<String> found = lines(at).stream().filter(l -> l.contains(text)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " " + at + " lines contain '" + text + "': " + lines(at));
        }
        return found.get(0);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(additive);
        appender.stop();
    }
}
