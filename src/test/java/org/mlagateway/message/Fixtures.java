package org.mlagateway.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mlagateway.testing.DefaultLimits;

/** Access to the shipped examples and small text surgery on them. */
final class Fixtures {

    static final Path EXAMPLES = Path.of("schemas", "examples");

    /** One codec for all tests: it is thread-safe and costly to build. */
    static final MessageCodec CODEC = DefaultLimits.codec();

    private Fixtures() {}

    static List<Path> exampleFiles() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String example(String name) {
        try {
            return Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Removes every occurrence of element {@code msg:name}, with its content, from the header. */
    static String withoutHeaderElement(String xml, String name) {
        int end = xml.indexOf("</msg:Header>");
        String header = xml.substring(0, end);
        Pattern element = Pattern.compile("\\s*<msg:" + name + "(\\s[^>]*)?>.*?</msg:" + name + ">", Pattern.DOTALL);
        String stripped = element.matcher(header).replaceAll("");
        if (stripped.equals(header)) {
            throw new IllegalArgumentException("no msg:" + name + " in the header");
        }
        return stripped + xml.substring(end);
    }

    /** Replaces the text of the first {@code <msg:name>} element. */
    static String withFirstValue(String xml, String name, String value) {
        Pattern element = Pattern.compile("<msg:" + name + "(\\s[^>]*)?>([^<]*)</msg:" + name + ">");
        Matcher m = element.matcher(xml);
        if (!m.find()) {
            throw new IllegalArgumentException("no msg:" + name);
        }
        return xml.substring(0, m.start(2)) + value + xml.substring(m.end(2));
    }

    /** Replaces exactly one occurrence of a literal fragment; fails if it is absent or repeated. */
    static String replaceOnce(String xml, String from, String to) {
        int at = xml.indexOf(from);
        if (at < 0 || xml.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("fragment must occur exactly once: " + from);
        }
        return xml.substring(0, at) + to + xml.substring(at + from.length());
    }

    /** The 1-based line of the first occurrence of a fragment. */
    static int lineOf(String xml, String fragment) {
        int at = xml.indexOf(fragment);
        if (at < 0) {
            throw new IllegalArgumentException("fragment not found: " + fragment);
        }
        return (int) xml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
