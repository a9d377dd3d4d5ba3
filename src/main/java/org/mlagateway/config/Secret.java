package org.mlagateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A password or other secret. In production it comes from an environment variable ({@code env})
 * or a file ({@code file}, first line, trailing newline ignored); {@code value} inline in the
 * YAML exists for throw-away setups and {@code config check} warns about it.
 * {@link #toString()} never reveals the secret.
 */
public record Secret(
        @OptionalKey String env,
        @OptionalKey Path file,
        @OptionalKey String value) {
    public Secret {
        int given = (env != null ? 1 : 0) + (file != null ? 1 : 0) + (value != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("a secret needs exactly one of 'env', 'file' or 'value'");
        }
    }

    /** Reads the secret now. Fails with a message naming the source, never the secret. */
    public char[] reveal() {
        if (value != null) {
            return value.toCharArray();
        }
        if (env != null) {
            String fromEnv = System.getenv(env);
            if (fromEnv == null) {
                throw new IllegalStateException("environment variable " + env + " is not set");
            }
            return fromEnv.toCharArray();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    public boolean isInline() {
        return value != null;
    }

    @Override
    public String toString() {
        return env != null ? "Secret[env=" + env + "]" : file != null ? "Secret[file=" + file + "]" : "Secret[inline]";
    }
}
