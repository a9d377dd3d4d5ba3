package org.mlagateway.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The register of citizens prosecuted or serving sentences abroad (docs/register.md), as the store keeps
 * it. Every write is one transaction, serialised with the register's other writes on every node, so that
 * two sources naming one person in one case make one entry. Reads are bounded by their {@code limit}.
 */
public interface RegisterStore {
    /**
     * Decides whether two persons of the register are one: returns the person to keep (the two merged)
     * or null when they are different people. Called inside the write transaction.
     */
    @FunctionalInterface
    interface PersonMerge {
        byte[] merge(byte[] existing, byte[] incoming);
    }

    /** The result of a consular confirmation: the entry it went to, and whether it was a repeat of the first. */
    record Confirmed(String entryId, boolean replayed) {}

    /** Up to {@code max} stored messages of {@code kinds} the feed has not read yet, oldest first. */
    List<Long> unfedRegisterMessages(Set<String> kinds, int max);

    /**
     * Marks message {@code messagePk} read by the feed and adds what it says (possibly nothing), in one
     * transaction; a message already read changes nothing (another node fed it).
     */
    void feedRegister(long messagePk, List<RegisterRecord> records, PersonMerge merge);

    /**
     * Adds a consular confirmation from API client {@code client}. The same client and {@code key} with the
     * same {@code requestDigest} return the first result; with another digest, {@code IDEMPOTENCY_KEY_REUSED}.
     */
    Confirmed confirmRegister(
            RegisterRecord record, String client, String key, byte[] requestDigest, PersonMerge merge);

    /** Up to {@code limit} entries after the entry {@code afterPk} (0 for the first), in key order. */
    List<RegisterEntry> registerPage(long afterPk, int limit);

    /** The entry with this public id. */
    Optional<RegisterEntry> registerEntry(String entryId);
}
