package org.mlagateway.security;

import java.util.Objects;

/** One result of checking key material: a problem stops the gateway, a warning does not. */
public record Finding(Severity severity, String where, String text) {
    public enum Severity {
        PROBLEM,
        WARNING
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(text, "text");
    }

    static Finding problem(String where, String text) {
        return new Finding(Severity.PROBLEM, where, text);
    }

    static Finding warning(String where, String text) {
        return new Finding(Severity.WARNING, where, text);
    }

    @Override
    public String toString() {
        return (severity == Severity.PROBLEM ? "problem" : "warning") + ": " + where + ": " + text;
    }
}
