package org.mlagateway.store;

/** Argument checks for the store's input records; messages name the field, never its value. */
final class Check {
    private Check() {}

    static String text(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return optionalText(name, value, max);
    }

    static String optionalText(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(name + " is " + value.length() + " characters; at most " + max);
        }
        if (value != null && value.chars().anyMatch(Check::isControl)) {
            throw new IllegalArgumentException(name + " must not contain a line break or other control character");
        }
        return value;
    }

    /**
     * For values that come from an untrusted party and must be recorded anyway: control characters
     * become '?', and the value is cut to {@code max} characters.
     */
    static String sanitize(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        value.chars().limit(max).forEach(c -> out.append(isControl(c) ? '?' : (char) c));
        return out.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f;
    }

    static byte[] bytes(String name, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.clone();
    }

    /**
     * For large values (envelopes, message XML, document content): checked but not copied, since a
     * 25 MB message would otherwise be copied at every hand-over. The record takes the array over;
     * callers hand over arrays they no longer change.
     */
    static byte[] large(String name, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static byte[] sha256(String name, byte[] value) {
        if (value == null || value.length != 32) {
            throw new IllegalArgumentException(name + " must be a SHA-256 digest of 32 bytes");
        }
        return value.clone();
    }
}
