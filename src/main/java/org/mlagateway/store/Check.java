package org.mlagateway.store;

/** Argument checks for the store's input records; messages name the field, never its value. */
final class Check {
    private Check() {
    }

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
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException(name + " must not contain a line break");
        }
        return value;
    }

    static byte[] bytes(String name, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.clone();
    }

    static byte[] sha256(String name, byte[] value) {
        if (value == null || value.length != 32) {
            throw new IllegalArgumentException(name + " must be a SHA-256 digest of 32 bytes");
        }
        return value.clone();
    }
}
