package org.mlagateway.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes log details: one flat JSON object, keys sorted, no white space, strings escaped per
 * RFC 8259 §7 (so a line break in a value becomes {@code \n} and the line stays one line).
 * Values may be strings, numbers, booleans or null.
 */
final class DetailsJson {
    private DetailsJson() {}

    static String write(Map<String, ?> details) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(details).entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, e.getKey());
            out.append(':');
            value(out, e.getValue());
        }
        return out.append('}').toString();
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
