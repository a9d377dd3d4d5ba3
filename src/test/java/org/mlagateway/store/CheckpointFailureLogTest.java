package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.testing.TwoGateways;
import org.slf4j.LoggerFactory;

/**
 * While the database refuses the checkpoint worker (its every tick fails), the log gets one ERROR,
 * then at most one WARN per interval counting the failures, and one INFO when it works again; not a
 * line a second. The failure is real: the worker's statements fail on the real H2 database because
 * the table they read is gone (renamed away), and come back when it is renamed back. (A stopped H2
 * TCP server would do too, but the pool then waits 30 s for each connection.) The interval is two
 * seconds here instead of a minute; the worker ticks once a second.
 */
class CheckpointFailureLogTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseOutage_isOneError_thenAWarnPerInterval_thenAnInfo() throws Exception {
        TestDatabase db = TestDatabase.h2(dir);
        Logger logger = (Logger) LoggerFactory.getLogger(CheckpointWorker.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logger.getLoggerContext());
        captured.start();
        logger.addAppender(captured);
        // Another test in this JVM may have set the level at start (run --log-level); this one reads INFO lines.
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        Checkpointing checkpointing =
                LogCheckpointing.of(1000, Duration.ofMillis(1), LogKeys.get().signer(), null);
        try (Database database = Database.open(db.config(), Store.Access.OWN);
                CheckpointWorker worker = new CheckpointWorker(
                        new CheckpointRows(database), Clock.systemUTC(), checkpointing, Duration.ofSeconds(2))) {
            sql(db, "ALTER TABLE log_head RENAME TO log_head_away");
            TwoGateways.await(
                    "two WARN lines of the outage",
                    Duration.ofSeconds(30),
                    () -> lines(captured, Level.WARN).size() >= 2);
            List<ILoggingEvent> errors = lines(captured, Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(
                    errors.get(0).getFormattedMessage().startsWith("message-log checkpoint worker: "),
                    errors.get(0).getFormattedMessage());
            ILoggingEvent warn = lines(captured, Level.WARN).get(0);
            assertTrue(
                    warn.getFormattedMessage()
                            .matches("message-log checkpoint worker: still failing, \\d+ more"
                                    + " time\\(s\\) in the last \\d+ s; the latest: .*"),
                    warn.getFormattedMessage());
            assertTrue(
                    Integer.parseInt(warn.getFormattedMessage().replaceAll(".*failing, (\\d+) more.*", "$1")) >= 1,
                    "the WARN counts the failures it stands for");

            sql(db, "ALTER TABLE log_head_away RENAME TO log_head");
            TwoGateways.await(
                    "the INFO that it works again", Duration.ofSeconds(30), () -> lines(captured, Level.INFO).stream()
                            .anyMatch(e -> e.getFormattedMessage().contains("works again after")));
            assertEquals(1, lines(captured, Level.ERROR).size(), "one outage, one ERROR");
        } finally {
            logger.detachAppender(captured);
            logger.setLevel(level);
        }
    }

    private static List<ILoggingEvent> lines(ListAppender<ILoggingEvent> captured, Level level) {
        synchronized (captured) {
            return captured.list.stream().filter(e -> e.getLevel() == level).toList();
        }
    }

    private static void sql(TestDatabase db, String statement) throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
