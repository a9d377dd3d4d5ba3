package org.mlagateway.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small corpus of hostile parameter values: huge, negative, out of range, unparseable, control
 * characters, other scripts, path tricks, markup and SQL, and (for JSON) the wrong types. Every
 * route must answer them with a 4xx problem, never a 5xx.
 */
public final class HostileValues {
    private HostileValues() {}

    /** Values as text (for path segments, query parameters, form fields and JSON strings). */
    public static List<String> text() {
        return List.of(
                "",
                " ",
                "0",
                "-1",
                "-9223372036854775809",
                "9223372036854775808",
                "99999999999999999999",
                "2147483648",
                "-2147483649",
                "1e308",
                "NaN",
                "0x10",
                "abc",
                "+999999999-12-31T00:00:00Z",
                "-999999999-01-01T00:00:00Z",
                "2025-02-30",
                "9999-12-31",
                "\u0000",
                "\r\n",
                "line\nbreak",
                "\u202e",
                "\ud800",
                "../..",
                "%2F",
                "/",
                ";",
                "' OR '1'='1",
                "<script>&amp;",
                "ӨТІНІШ",
                "A".repeat(3_000));
    }

    /** Values for a request header: the text values a header can carry at all. */
    public static List<String> header() {
        return text().stream()
                .filter(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                .toList();
    }

    /** JSON values of every type, for one field of a JSON body. */
    public static List<String> json() {
        List<String> out = new ArrayList<>(List.of(
                "null",
                "true",
                "-1",
                "0",
                "1.5",
                "1e400",
                "99999999999999999999",
                "-9223372036854775809",
                "[]",
                "{}",
                "[null]",
                "{\"x\":1}",
                "\"" + "B".repeat(100_000) + "\""));
        for (String t : text()) {
            out.add(jsonString(t));
        }
        return out;
    }

    /** Whole bodies that are not the expected JSON object. */
    public static List<String> bodies() {
        return List.of(
                "",
                "null",
                "[]",
                "\"x\"",
                "1",
                "{",
                "{\"a\":",
                "{}",
                "{\"unknown\":1}",
                "<x/>",
                "\u0000\u0001",
                "[" + "[".repeat(5_000) + "]".repeat(5_000) + "]",
                "{\"x\":\"" + "C".repeat(200_000) + "\"}");
    }

    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A value as one percent-encoded path segment or query value. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
