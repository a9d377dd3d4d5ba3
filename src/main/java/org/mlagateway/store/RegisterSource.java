package org.mlagateway.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a register entry rests on: a stored message ({@code messagePk} and {@code messageId} set) or a
 * consular confirmation ({@code ref} {@code confirmation:<n>}), the event it shows (such as
 * {@code judgment}, {@code extradition-granted}, {@code consular-confirmation}) and that event's date,
 * null when unknown.
 */
public record RegisterSource(
        String ref, Long messagePk, String messageId, String event, LocalDate date, Instant addedAt) {}
