package org.mlagateway.cli;

import org.mlagateway.logging.LogSettings;
import picocli.CommandLine.Option;

/** How a long-running command logs, and whether a failure to start shows its stack trace. */
final class LogOptions {
    @Option(
            names = "--log-format",
            description = "text (one line per event, with its ISO-8601 date and zone) or json (one JSON object per"
                    + " line, for log shippers); default text.")
    String format;

    @Option(
            names = "--log-level",
            description = "The gateway's log level: ERROR, WARN, INFO (default), DEBUG or TRACE.")
    String level;

    @Option(names = "--debug", description = "On a failure to start, also print its stack trace.")
    boolean debug;

    /** Applies the options; false after printing why they are wrong. */
    boolean apply(String command) {
        try {
            LogSettings.apply(format, level);
            return true;
        } catch (IllegalArgumentException e) {
            System.err.println(command + ": " + e.getMessage());
            return false;
        }
    }
}
