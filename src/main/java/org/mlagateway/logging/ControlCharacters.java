package org.mlagateway.logging;

/**
 * Escapes what could break or disguise a log line: C0 and C1 control characters (CR and LF above
 * all, which would let a value start a forged line of its own), DEL, the Unicode line and
 * paragraph separators, and the bidirectional overrides that reorder what a terminal shows
 * (CVE-2021-42574). CR, LF and TAB become {@code \r}, {@code \n}, {@code \t}; the others
 * {@code \}{@code uXXXX}. Everything else, Cyrillic and Kazakh included, is left as it is.
 */
public final class ControlCharacters {
    private ControlCharacters() {}

    /** The text with every such character escaped; the same instance when there is none. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20
                || c >= 0x7f && c <= 0x9f
                || c == '\u2028'
                || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069';
    }
}
