package org.mlagateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.mlagateway.cli.Main;

/** Runs a {@code gateway} command in this JVM, as a user would type it, and keeps what it printed. */
public final class Cli {
    private Cli() {}

    /** The exit code and standard output of one command. */
    public record Result(int code, String out) {
        /** The output without leading and trailing white space, for exact comparisons. */
        public Result stripped() {
            return new Result(code, out.strip());
        }
    }

    /** The exit code, standard output and standard error of one command. */
    public record Streams(int code, String out, String err) {}

    /** As {@link #run}, also capturing standard error, where commands say why they did not start. */
    public static Streams runCapturingErrors(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            Result result = run(args);
            return new Streams(result.code(), result.out(), buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    /** Standard output is captured for the command's duration; the tests that use this run one at a time. */
    public static Result run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            int code = Main.run(args);
            return new Result(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }
}
