package org.mlagateway.register;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.RegisterEntry;
import org.mlagateway.store.RegisterRecord;
import org.mlagateway.store.RegisterStore;
import org.mlagateway.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register of citizens prosecuted or serving sentences abroad (docs/register.md).
 *
 * <p>Guarantees: every read (a page, an API search, a CSV export) is one {@value #READ_EVENT} entry in the
 * message log, with the reader as actor and the view, the kind of query and the count in its details,
 * never a name or an IIN; a read returns at most {@link #MAX_PAGE} entries ({@link #MAX_EXPORT} for CSV)
 * and looks at most {@link #MAX_SCAN} entries, giving a cursor to go on. A query is refused with
 * {@code INVALID_REQUEST} or {@code INVALID_IIN} before anything is read. A confirmation is idempotent per
 * client and {@code Idempotency-Key}, as a submission is.
 */
public final class Register {
    /** The message-log event of a read of the register. */
    public static final String READ_EVENT = "register-read";

    public static final int DEFAULT_PAGE = 25;
    public static final int MAX_PAGE = 100;
    public static final int MAX_EXPORT = 5_000;
    /** The most entries one read decrypts and compares: names are sealed at rest, so a search reads them. */
    public static final int MAX_SCAN = 20_000;

    static final int MAX_QUERY = 100;
    static final int FEED_BATCH = 100;
    private static final int READ_BATCH = 500;
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final Logger LOG = LoggerFactory.getLogger(Register.class);

    private final RegisterStore store;
    private final MessageReads reads;
    private final MessageLog log;
    private final RegisterFeed feed;
    private final String ownState;

    public <S extends RegisterStore & MessageReads & MessageLog> Register(
            S store, MessageCodec codec, String ownState) {
        this.store = store;
        this.reads = store;
        this.log = store;
        this.ownState = ownState;
        this.feed = new RegisterFeed(store, codec, ownState);
    }

    /** A search: by {@code name} (any script, every word must occur), by {@code iin}, or neither (all). */
    public record Query(String name, String iin, long after, int limit) {
        public Query {
            if (name != null && name.isBlank()) {
                name = null;
            }
            if (iin != null && iin.isBlank()) {
                iin = null;
            }
            if (name != null
                    && (name.strip().length() > MAX_QUERY || name.chars().anyMatch(Character::isISOControl))) {
                throw new GatewayException(
                        ErrorCode.INVALID_REQUEST, "a name query is at most " + MAX_QUERY + " characters");
            }
            if (iin != null) {
                iin = new Iin(iin.strip()).value();
            }
            if (after < 0) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "after is a cursor from a previous page");
            }
            if (limit < 1 || limit > MAX_EXPORT) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "limit is 1 to " + MAX_EXPORT);
            }
        }

        String kind() {
            return iin != null ? "iin" : name != null ? "name" : "all";
        }

        boolean matches(RegisterPerson p) {
            return (iin == null || iin.equals(p.iin())) && (name == null || p.matchesName(name));
        }
    }

    /** An entry as read: its person decrypted and parsed. */
    public record Entry(RegisterEntry stored, RegisterPerson person) {}

    /** A page of matches; {@code next} is the cursor for the following page, or null at the end. */
    public record Page(List<Entry> entries, Long next) {}

    /** Searches, logging the read by {@code reader} in {@code view} ({@code ops-register}, {@code api-register}). */
    public Page search(Query query, String reader, String view) {
        if (query.limit() > MAX_PAGE) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "limit is 1 to " + MAX_PAGE);
        }
        Page page = scan(query);
        logRead(reader, view, query, page.entries().size());
        return page;
    }

    /** Up to {@link #MAX_EXPORT} matches as CSV (RFC 4180), logged as one read with view {@code view}. */
    public String csv(Query query, String reader, String view) {
        Page page = scan(new Query(query.name(), query.iin(), query.after(), MAX_EXPORT));
        logRead(reader, view, query, page.entries().size());
        return RegisterCsv.write(page.entries());
    }

    private Page scan(Query query) {
        List<Entry> found = new ArrayList<>();
        long after = query.after();
        int scanned = 0;
        while (scanned < MAX_SCAN) {
            List<RegisterEntry> batch = store.registerPage(after, Math.min(READ_BATCH, MAX_SCAN - scanned));
            if (batch.isEmpty()) {
                return new Page(found, null);
            }
            for (RegisterEntry e : batch) {
                scanned++;
                after = e.pk();
                RegisterPerson p = RegisterPerson.fromJson(e.person());
                if (query.matches(p)) {
                    found.add(new Entry(e, p));
                    if (found.size() == query.limit()) {
                        return new Page(found, store.registerPage(after, 1).isEmpty() ? null : after);
                    }
                }
            }
        }
        return new Page(found, after);
    }

    private void logRead(String reader, String view, Query query, int count) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("view", view);
        details.put("query", query.kind());
        details.put("entries", count);
        log.append(List.of(LogEvent.of(READ_EVENT, null, null, reader, details)));
    }

    /** A consular confirmation: the person, the state, the case, the basis and the date confirmed (may be null). */
    public record Confirmation(
            RegisterPerson person, String state, String caseReference, String basis, LocalDate date) {}

    /** Adds a confirmation from API client {@code client} under {@code key}; see {@link RegisterStore#confirmRegister}. */
    public RegisterStore.Confirmed confirm(Confirmation c, String client, String key, byte[] requestDigest) {
        if (c.person() == null) {
            throw RegisterPerson.invalid("person is required");
        }
        if (c.state() == null
                || !STATE.matcher(c.state()).matches()
                || c.state().equals(ownState)) {
            throw RegisterPerson.invalid("state is the ISO 3166-1 code of another state than " + ownState);
        }
        if (c.basis() == null || !List.of("PROSECUTION", "SENTENCE", "TRANSFER").contains(c.basis())) {
            throw RegisterPerson.invalid("basis is PROSECUTION, SENTENCE or TRANSFER");
        }
        String ref = c.caseReference() == null ? "" : c.caseReference().strip();
        if (ref.isEmpty() || ref.length() > 128 || ref.chars().anyMatch(Character::isISOControl)) {
            throw RegisterPerson.invalid("caseReference is 1 to 128 characters");
        }
        RegisterRecord record =
                new RegisterRecord(c.state(), c.basis(), ref, c.person().toJson(), "consular-confirmation", c.date());
        return store.confirmRegister(record, client, key, requestDigest, RegisterPerson::mergeJson);
    }

    /** Reads the messages the feed has not read yet, at most {@link #FEED_BATCH}; returns how many it read. */
    public int feedOnce() {
        List<Long> pks = store.unfedRegisterMessages(RegisterFeed.KINDS, FEED_BATCH);
        for (long pk : pks) {
            StoredMessage m = reads.message(pk).orElseThrow();
            List<RegisterRecord> records;
            try {
                records = feed.records(m);
            } catch (RuntimeException e) {
                // A message the feed cannot read is marked read with nothing added, so it never blocks the rest.
                LOG.warn(
                        "register feed: message pk {} gave no entry ({})",
                        pk,
                        e.getClass().getSimpleName());
                records = List.of();
            }
            store.feedRegister(pk, records, RegisterPerson::mergeJson);
        }
        return pks.size();
    }

    /** Feeds until no message is left to read. */
    public int feedAll() {
        int total = 0;
        for (int n = feedOnce(); n > 0; n = feedOnce()) {
            total += n;
        }
        return total;
    }
}
