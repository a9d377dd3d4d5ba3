package org.mlagateway.store;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the register of citizens prosecuted or serving sentences abroad, as stored: {@code person}
 * is the register's JSON of the person (opaque to the store, decrypted when it was sealed at rest),
 * {@code state} the ISO 3166-1 code of the state, {@code basis} {@code PROSECUTION}, {@code SENTENCE} or
 * {@code TRANSFER}, and {@code sources} what the entry rests on, oldest first.
 */
public record RegisterEntry(
        long pk,
        String entryId,
        String state,
        String basis,
        String caseRef,
        byte[] person,
        Instant createdAt,
        Instant updatedAt,
        List<RegisterSource> sources) {
    public RegisterEntry {
        sources = List.copyOf(sources);
    }
}
