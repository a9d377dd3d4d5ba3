package org.mlagateway.statistics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mlagateway.config.LimitsConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.Sha256;
import org.mlagateway.statistics.SyntheticMessages.Built;
import org.mlagateway.statistics.SyntheticMessages.Variant;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.InboxStore;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.MessageParts;
import org.mlagateway.store.OutboxStore;
import org.mlagateway.store.OutgoingMessage;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.QueueStore;
import org.mlagateway.store.Routing;
import org.mlagateway.store.Store;

/**
 * A year of traffic shaped like the Prosecutor General's Office's reported year (docs/domain.md), written
 * through the store's own operations as the gateway would: incoming requests and replies accepted
 * with their queue items, forwarding items claimed and acknowledged by domestic bodies, submissions
 * to the outbox, deliveries recorded after an attempt, and responses in both directions, each at
 * its own time on the store's clock. Around it: requests of the year before and the year after,
 * and decisions on this year's requests that come after its end, none of which the year's report
 * may count.
 *
 * <p>The store has no partner on the wire: an incoming message's "envelope" is its message XML, and a
 * delivery's receipt is an unsigned record naming the message. Nothing here is for production data.
 */
public final class SyntheticYear {
    static final String ACTOR = "synthetic-year";
    private static final Duration FORWARD_AFTER = Duration.ofDays(1);
    private static final Duration DELIVER_AFTER = Duration.ofHours(2);
    private static final Duration DECIDE_AFTER = Duration.ofDays(14);
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final String LEGAL_REVIEW = "GPO-LEGAL-REVIEW";
    private static final String INTERNATIONAL = "GPO-INTERNATIONAL";

    /** A message of the plan; filled in when its event runs. */
    private static final class Ref {
        Built built;
        long pk;
    }

    private record Event(Instant at, long order, Runnable write) {}

    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final QueueStore queues;
    private final SyntheticClock clock;
    private final SyntheticMessages messages;
    private final Instant from;
    private final Instant until;
    private final List<Event> events = new ArrayList<>();
    private int batch;

    <S extends InboxStore & OutboxStore & QueueStore> SyntheticYear(
            S store, SyntheticClock clock, MessageCodec codec, int year, ZoneId zone) {
        this.inbox = store;
        this.outbox = store;
        this.queues = store;
        this.clock = clock;
        this.messages = new SyntheticMessages(codec);
        this.from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        this.until = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
    }

    /** Builds the synthetic year in a new in-memory H2 store and reports it; the store is gone afterwards. */
    public static YearReport report(int year, ZoneId zone, YearReport.OutcomesAsOf basis) {
        SyntheticClock clock = new SyntheticClock(Instant.EPOCH);
        try (Store store = Store.open(inMemory(), clock)) {
            LimitsConfig limits = LimitsConfig.defaults();
            new SyntheticYear(
                            store,
                            clock,
                            MessageCodec.create(new MessageCodec.Limits(
                                    limits.maxEnvelopeBytes(), limits.maxXmlDepth(), limits.maxDocuments())),
                            year,
                            zone)
                    .build();
            return new Statistics(store, clock, limits.maxXmlDepth()).year(year, zone, basis);
        }
    }

    /**
     * An embedded H2 database that lives in memory while its pool is open, with the same settings
     * the store uses on file (PostgreSQL mode), so that the same SQL runs.
     */
    static StorageConfig inMemory() {
        return new StorageConfig(
                Path.of("unused"),
                "jdbc:h2:mem:synthetic-" + java.util.UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=30000",
                null,
                null,
                4);
    }

    /** Writes the whole plan in time order; the clock ends two months after the year. */
    void build() {
        plan();
        events.sort(Comparator.comparing(Event::at).thenComparingLong(Event::order));
        for (Event e : events) {
            clock.set(e.at());
            e.write().run();
        }
        clock.set(until.plus(Duration.ofDays(60)));
    }

    /** docs/domain.md#the-reported-year's year, then the noise around it. */
    private void plan() {
        // Foreign requests, received by us.
        incoming("mla-request.xml", 324, "MVD-INVESTIGATION", Fate.FORWARDED, null);
        incoming("mla-request.xml", 13, LEGAL_REVIEW, Fate.REFUSED, "CONTRARY_TO_LEGAL_SYSTEM");
        incoming("extradition-request-prosecution.xml", 81, "GPO-EXTRADITION", Fate.GRANTED_EXTRADITION, null);
        incoming("extradition-request-enforcement.xml", 4, "GPO-EXTRADITION", Fate.FORWARDED_REFUSED, "OWN_NATIONAL");
        incoming("extradition-request-prosecution.xml", 2, "GPO-EXTRADITION", Fate.FORWARDED_REFUSED, "LAPSE_OF_TIME");
        incoming(
                "extradition-request-prosecution.xml",
                1,
                "GPO-EXTRADITION",
                Fate.FORWARDED_REFUSED,
                "POLITICAL_OFFENCE");
        incoming("extradition-request-prosecution.xml", 20, "GPO-EXTRADITION", Fate.PENDING, null);
        incoming("transit-request.xml", 37, "GPO-EXTRADITION", Fate.GRANTED, null);
        incoming("transfer-of-sentenced-person-request.xml", 6, "GPO-SENTENCES", Fate.GRANTED_TRANSFER, null);
        incoming("transfer-of-proceedings-request.xml", 12, "GPO-INVESTIGATION-SUPERVISION", Fate.FORWARDED, null);
        incoming("transfer-of-proceedings-request.xml", 3, "GPO-INVESTIGATION-SUPERVISION", Fate.PENDING, null);
        // Our requests, submitted by domestic bodies.
        outgoing("mla-request.xml", 168, Fate.GRANTED);
        outgoing("mla-request.xml", 7, Fate.GRANTED_NEXT_YEAR);
        outgoing("mla-request.xml", 195, Fate.FORWARDED);
        outgoing("mla-request.xml", 10, Fate.PENDING);
        outgoing("extradition-request-prosecution.xml", 37, Fate.GRANTED_EXTRADITION);
        outgoing("extradition-request-enforcement.xml", 3, Fate.PARTLY_REFUSED_THEN_GRANTED);
        outgoing("extradition-request-prosecution.xml", 25, Fate.FORWARDED);
        outgoing("transit-request.xml", 2, Fate.GRANTED);
        outgoing("transfer-of-sentenced-person-request.xml", 6, Fate.GRANTED_TRANSFER);
        outgoing("transfer-of-proceedings-request.xml", 25, Fate.FORWARDED);
        // The year before: received or submitted then, decided in this year.
        for (int i = 0; i < 5; i++) {
            Instant at = from.minus(Duration.ofDays(20)).plus(Duration.ofHours(i));
            Ref r = accept("mla-request.xml", partner(i), at, Routing.to(Queue.FORWARDING, LEGAL_REVIEW, 5));
            respond(r, "refusal.xml", Variant.REFUSAL_TOTAL, "ESSENTIAL_INTERESTS", from.plus(Duration.ofDays(5 + i)));
        }
        for (int i = 0; i < 4; i++) {
            Ref r = submit(
                    "mla-request.xml",
                    partner(i),
                    from.minus(Duration.ofDays(40)).plus(Duration.ofHours(i)),
                    true);
            reply(r, "execution-report.xml", Variant.EXECUTED, null, from.plus(Duration.ofDays(30 + i)));
        }
        // The year after.
        for (int i = 0; i < 6; i++) {
            Ref r = accept(
                    "extradition-request-prosecution.xml",
                    partner(i),
                    until.plus(Duration.ofDays(3)).plus(Duration.ofHours(i)),
                    Routing.to(Queue.FORWARDING, "GPO-EXTRADITION", 5));
            forward(r, "GPO-EXTRADITION", until.plus(Duration.ofDays(4)).plus(Duration.ofHours(i)));
        }
        for (int i = 0; i < 3; i++) {
            submit("mla-request.xml", partner(i), until.plus(Duration.ofDays(4)).plus(Duration.ofHours(i)), true);
        }
    }

    /** What becomes of a planned request by the end of the year. */
    private enum Fate {
        PENDING,
        FORWARDED,
        REFUSED,
        FORWARDED_REFUSED,
        GRANTED,
        GRANTED_EXTRADITION,
        GRANTED_TRANSFER,
        GRANTED_NEXT_YEAR,
        PARTLY_REFUSED_THEN_GRANTED
    }

    private void incoming(String file, int count, String body, Fate fate, String ground) {
        int b = batch++;
        for (int i = 0; i < count; i++) {
            Instant at = spread(i, count, b);
            Routing routing = fate == Fate.PENDING
                    ? Routing.to(Queue.TRANSLATION, body, 5)
                    : Routing.to(Queue.FORWARDING, body, 5);
            Ref r = accept(file, partner(i + b), at, routing);
            if (fate != Fate.PENDING && !body.equals(LEGAL_REVIEW)) {
                forward(r, body, at.plus(FORWARD_AFTER));
            }
            Instant decided = at.plus(DECIDE_AFTER);
            switch (fate) {
                case FORWARDED -> {
                    if (i % 10 == 0) { // a legal acknowledgement decides nothing
                        respond(r, "acknowledgement.xml", Variant.PLAIN, null, at.plus(Duration.ofHours(3)));
                    }
                }
                case REFUSED, FORWARDED_REFUSED -> respond(r, "refusal.xml", Variant.REFUSAL_TOTAL, ground, decided);
                case GRANTED -> respond(r, "execution-report.xml", Variant.EXECUTED, null, decided);
                case GRANTED_EXTRADITION ->
                    respond(r, "execution-report.xml", Variant.EXTRADITION_GRANTED, null, decided);
                case GRANTED_TRANSFER -> respond(r, "execution-report.xml", Variant.TRANSFER_AGREED, null, decided);
                default -> {}
            }
        }
    }

    private void outgoing(String file, int count, Fate fate) {
        int b = batch++;
        for (int i = 0; i < count; i++) {
            Instant at = spread(i, count, b);
            Ref r = submit(file, partner(i + b), at, fate != Fate.PENDING);
            Instant decided = at.plus(DECIDE_AFTER);
            switch (fate) {
                case FORWARDED -> {
                    if (i % 20 == 0) { // a status update decides nothing
                        reply(r, "status-update.xml", Variant.PLAIN, null, at.plus(Duration.ofDays(3)));
                    }
                }
                case GRANTED -> reply(r, "execution-report.xml", Variant.EXECUTED, null, decided);
                case GRANTED_NEXT_YEAR ->
                    reply(
                            r,
                            "execution-report.xml",
                            Variant.EXECUTED,
                            null,
                            until.plus(Duration.ofDays(10)).plus(Duration.ofHours(i)));
                case GRANTED_EXTRADITION ->
                    reply(r, "execution-report.xml", Variant.EXTRADITION_GRANTED, null, decided);
                case PARTLY_REFUSED_THEN_GRANTED -> {
                    reply(
                            r,
                            "refusal.xml",
                            Variant.REFUSAL_PARTIAL,
                            "NO_DUAL_CRIMINALITY",
                            at.plus(Duration.ofDays(7)));
                    reply(r, "execution-report.xml", Variant.EXTRADITION_GRANTED, null, decided);
                }
                case GRANTED_TRANSFER -> reply(r, "execution-report.xml", Variant.TRANSFER_AGREED, null, decided);
                default -> {}
            }
        }
    }

    /** The i-th of n times over the first eleven months, so that decisions 14 days later fall in the year. */
    private Instant spread(int i, int n, int b) {
        long minutes = Duration.ofDays(330).toMinutes() * i / n;
        return from.plus(Duration.ofMinutes(minutes + 7L * b + 1));
    }

    private static String partner(int i) {
        List<String> all = SyntheticMessages.partners();
        return all.get(Math.floorMod(i, all.size()));
    }

    private void at(Instant time, Runnable write) {
        events.add(new Event(time, events.size(), write));
    }

    /** A request from a partner to us, accepted with its queue item. */
    private Ref accept(String file, String partner, Instant at, Routing routing) {
        Ref r = new Ref();
        at(at, () -> {
            r.built = messages.request(file, partner, "KZ-GPO", at);
            r.pk = acceptIncoming(r.built, partner, routing);
        });
        return r;
    }

    /** Our response to a partner's request, submitted and delivered. */
    private void respond(Ref request, String file, Variant variant, String ground, Instant at) {
        Ref r = new Ref();
        at(at, () -> {
            r.built = messages.response(file, variant, ground, request.built, at);
            r.pk = submitOutgoing(
                    r.built, request.built.message().getHeader().getSender().getAuthorityId(), true);
        });
        deliver(r, at.plus(DELIVER_AFTER));
    }

    /** A domestic body's request to a partner, submitted and, if {@code send}, delivered. */
    private Ref submit(String file, String partner, Instant at, boolean send) {
        Ref r = new Ref();
        at(at, () -> {
            r.built = messages.request(file, "KZ-GPO", partner, at);
            r.pk = submitOutgoing(r.built, partner, send);
        });
        if (send) {
            deliver(r, at.plus(DELIVER_AFTER));
        }
        return r;
    }

    /** A partner's reply to our request, accepted; it waits for the GPO's international department. */
    private void reply(Ref request, String file, Variant variant, String ground, Instant at) {
        at(at, () -> {
            Built reply = messages.response(file, variant, ground, request.built, at);
            acceptIncoming(
                    reply,
                    request.built.message().getHeader().getRecipient().getAuthorityId(),
                    Routing.to(Queue.FORWARDING, INTERNATIONAL, 5));
        });
    }

    /** The domestic body claims the request's forwarding item and acknowledges it. */
    private void forward(Ref r, String body, Instant at) {
        at(at, () -> ackNext(Queue.FORWARDING, body, r.pk));
    }

    private void deliver(Ref r, Instant at) {
        at(at, () -> {
            QueueItem item = claimNext(
                    Queue.SEND, r.built.message().getHeader().getRecipient().getAuthorityId(), r.pk);
            Instant now = clock.instant();
            outbox.markDelivered(
                    r.pk,
                    new DeliveryAttempt(item.attempts(), now, DeliveryAttempt.Outcome.DELIVERED, null, 200, null, 120),
                    receipt(r.built.messageId(), now),
                    "ACCEPTED");
            queues.ack(item.id(), ACTOR);
        });
    }

    private long acceptIncoming(Built m, String partner, Routing routing) {
        return inbox.accept(IncomingMessage.received(
                        m.summary(), partner, m.xml(), m.xml(), MessageParts.documents(m.message()), routing))
                .messagePk();
    }

    private long submitOutgoing(Built m, String partner, boolean send) {
        Routing routing =
                send ? Routing.to(Queue.SEND, partner, 5) : Routing.to(Queue.TRANSLATION_OUTBOUND, partner, 5);
        return outbox.submitOutgoing(
                        new OutgoingMessage(
                                m.messageId(),
                                partner,
                                m.kind(),
                                m.requestType(),
                                m.conversationId(),
                                m.inReplyTo(),
                                m.xml(),
                                MessageParts.documents(m.message()),
                                routing),
                        ACTOR,
                        m.messageId(),
                        Sha256.of(m.xml()))
                .messagePk();
    }

    private void ackNext(Queue queue, String target, long expectedPk) {
        queues.ack(claimNext(queue, target, expectedPk).id(), ACTOR);
    }

    /** Claims the oldest item of the queue for the target, which the plan's uniform delays make this one. */
    private QueueItem claimNext(Queue queue, String target, long expectedPk) {
        List<QueueItem> items = queues.claim(queue, target, ACTOR, 1, LEASE);
        if (items.size() != 1 || items.get(0).messagePk() != expectedPk) {
            throw new IllegalStateException(
                    "synthetic year: expected message " + expectedPk + " first in " + queue + "/" + target + ", found "
                            + items.stream().map(QueueItem::messagePk).toList());
        }
        return items.get(0);
    }

    private static byte[] receipt(String messageId, Instant at) {
        return ("<exc:Receipt xmlns:exc=\"" + Namespaces.EXC + "\"><!-- synthetic: no partner signed this -->"
                        + "<exc:MessageId>" + messageId + "</exc:MessageId><exc:Status>ACCEPTED</exc:Status>"
                        + "<exc:ReceivedAt>" + at + "</exc:ReceivedAt></exc:Receipt>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
