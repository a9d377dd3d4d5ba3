package org.mlagateway.store;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one source says for the register: this person ({@code person}, the register's JSON), in
 * {@code state}, in the case {@code caseRef}, on {@code basis}, with the event it shows and its date
 * (null when unknown). The store adds it to the entry of the same person, state, case and basis, or
 * makes a new entry.
 */
public record RegisterRecord(String state, String basis, String caseRef, byte[] person, String event, LocalDate date) {
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final Pattern BASIS = Pattern.compile("PROSECUTION|SENTENCE|TRANSFER");
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z-]{0,31}");

    public RegisterRecord {
        Objects.requireNonNull(person, "person");
        check("state", state, STATE);
        check("basis", basis, BASIS);
        check("event", event, EVENT);
        Check.text("caseRef", caseRef, 128);
    }

    private static void check(String name, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must match " + pattern.pattern() + ", was " + value);
        }
    }
}
