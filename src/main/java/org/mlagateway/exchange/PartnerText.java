package org.mlagateway.exchange;

/**
 * Text a partner sent us (a fault code, a Reason), made safe to record and show: control
 * characters and invisible format characters (bidirectional overrides, zero-width characters) are
 * removed, runs of white space become one space, and the result is cut to a bound. What a partner
 * writes is evidence for operators, never a key, a label or a log line of its own.
 */
final class PartnerText {
    /** The longest fault code we keep; the catalogue's own codes are under 32 characters. */
    static final int MAX_CODE = 64;
    /** The longest fault Reason we keep. */
    static final int MAX_REASON = 200;

    private PartnerText() {}

    /** The cleaned text, at most {@code max} characters; null for null or for nothing left. */
    static String clean(String raw, int max) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), max));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() < max; ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else if (!invisible(c)) {
                if (space && out.length() + 1 < max) {
                    out.append(' ');
                }
                space = false;
                if (out.length() + Character.charCount(c) <= max) {
                    out.appendCodePoint(c);
                } else {
                    break;
                }
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }
}
