package org.mlagateway.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.LogQuery;
import org.mlagateway.store.LogRow;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.OperatorReads;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.QueueOverview;
import org.mlagateway.store.QueueStore;
import org.mlagateway.store.SearchStore;
import org.mlagateway.store.StuckLease;

/**
 * Queues and clocks. Queues: depth per queue and target, the oldest open item's age, stuck leases
 * (run out, or held longer than {@code stuckAfter}) with a release button, and FAILED outgoing
 * messages with a re-queue button; each action is logged with the operator as actor and confirmed.
 * Deadlines: open provisional-arrest and respond-by clocks, earliest first, overdue ones marked.
 */
@Path("/")
@Produces(Layout.HTML)
public final class QueuePages {
    private final QueueStore queues;
    private final OperatorReads overviews;
    private final SearchStore search;
    private final Layout layout;
    private final Clock clock;
    private final Duration stuckAfter;

    <S extends QueueStore & OperatorReads & SearchStore> QueuePages(
            S store, Layout layout, Clock clock, Duration stuckAfter) {
        this.queues = store;
        this.overviews = store;
        this.search = store;
        this.layout = layout;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    @GET
    @Path("queues")
    public Response queues(@QueryParam("released") Long released, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        Instant now = clock.instant();
        Html h = new Html();
        if (released != null) {
            h.el(
                    "p",
                    "Released the lease on item " + released + "; it is ready to be claimed again, and the message"
                            + " log records it as 'released' by " + session.name() + ".",
                    "class",
                    "notice",
                    "id",
                    "notice");
        }
        overview(h, overviews.queueOverview(), now);
        h.el("h2", "Stuck leases");
        stuck(h, overviews.stuckLeases(stuckAfter), session, now);
        h.el("h2", "Failed outgoing messages");
        failed(
                h,
                search.search(LogQuery.builder()
                                .direction("OUT")
                                .status(MessageStatus.FAILED.dbName())
                                .limit(LogQuery.MAX_LIMIT)
                                .build())
                        .rows(),
                session);
        return layout.ok("Queues", session, h);
    }

    @POST
    @Path("queues/items/{id}/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response release(
            @PathParam("id") long id, @FormParam("csrf") String csrf, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        session.requireMayAct("release leases");
        queues.queueItem(id).orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no queue item " + id));
        queues.release(id, session.name());
        return Layout.seeOther(OperatorPages.PATH + "/queues?released=" + id);
    }

    @GET
    @Path("deadlines")
    public Response deadlines(@QueryParam("days") @DefaultValue("3660") int days, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        if (days < 0 || days > 3660) {
            throw new IllegalArgumentException("days must be between 0 and 3660");
        }
        Instant now = clock.instant();
        List<QueueItem> due = queues.dueBefore(now.plus(Duration.ofDays(days)));
        Html h = new Html();
        h.open("p").text("Open clocks due within ");
        for (int d : new int[] {7, 30, 90, 3660}) {
            h.link(OperatorPages.PATH + "/deadlines?days=" + d, d == 3660 ? "any time" : d + " days")
                    .text(" ");
        }
        h.close("p");
        if (due.isEmpty()) {
            h.el("p", "No open clock.", "class", "hint");
            return layout.ok("Deadlines", session, h);
        }
        h.open("table", "id", "deadlines")
                .headerRow("Due (UTC)", "Remaining", "Message", "Queue", "Target", "State", "Flag");
        for (QueueItem i : due) {
            boolean overdue = i.dueAt().isBefore(now);
            h.open("tr", "class", overdue ? "overdue" : null)
                    .td(Html.time(i.dueAt()))
                    .td(overdue ? "overdue by " + age(i.dueAt(), now) : age(now, i.dueAt()))
                    .open("td")
                    .link(OperatorPages.PATH + "/messages/" + i.messagePk(), i.messageId())
                    .close("td")
                    .td(i.queue().dbName())
                    .td(i.target())
                    .td(i.state().name())
                    .td(i.flag())
                    .close("tr");
        }
        h.close("table");
        return layout.ok("Deadlines", session, h);
    }

    private static void overview(Html h, List<QueueOverview> queues, Instant now) {
        if (queues.isEmpty()) {
            h.el("p", "No queue item yet.", "class", "hint");
            return;
        }
        h.open("table", "id", "queues")
                .headerRow("Queue", "Target", "Ready", "Leased", "Dead", "Done", "Oldest open item");
        for (QueueOverview q : queues) {
            h.open("tr")
                    .td(q.queue().dbName())
                    .td(q.target())
                    .td(Long.toString(q.ready()), "class", "num")
                    .td(Long.toString(q.leased()), "class", "num")
                    .td(Long.toString(q.dead()), "class", "num")
                    .td(Long.toString(q.done()), "class", "num")
                    .td(q.oldestOpenSince() == null ? "" : age(q.oldestOpenSince(), now) + " old")
                    .close("tr");
        }
        h.close("table");
    }

    private void stuck(Html h, List<StuckLease> leases, OperatorSession session, Instant now) {
        if (leases.isEmpty()) {
            h.el(
                    "p",
                    "No stuck lease (expired, or held longer than " + stuckAfter.toMinutes() + " minutes).",
                    "class",
                    "hint");
            return;
        }
        h.open("table", "id", "stuck")
                .headerRow("Item", "Message", "Queue", "Target", "Owner", "Leased for", "Lease until", "Why", "");
        for (StuckLease s : leases) {
            QueueItem i = s.item();
            h.open("tr")
                    .td(Long.toString(i.id()))
                    .open("td")
                    .link(OperatorPages.PATH + "/messages/" + i.messagePk(), i.messageId())
                    .close("td")
                    .td(i.queue().dbName())
                    .td(i.target())
                    .td(i.leaseOwner())
                    .td(age(s.leasedSince(), now))
                    .td(Html.time(i.leaseUntil()))
                    .td(s.expired() ? "lease ran out" : "held too long")
                    .open("td");
            if (!session.auditor()) {
                h.postButton(
                        OperatorPages.PATH + "/queues/items/" + i.id() + "/release", session.csrf(), "Release", "warn");
            }
            h.close("td").close("tr");
        }
        h.close("table");
    }

    private static void failed(Html h, List<LogRow> rows, OperatorSession session) {
        if (rows.isEmpty()) {
            h.el("p", "No FAILED outgoing message.", "class", "hint");
            return;
        }
        h.open("table", "id", "failed").headerRow("Stored (UTC)", "Message", "Partner", "Kind", "");
        for (LogRow r : rows) {
            h.open("tr")
                    .td(Html.time(r.at()))
                    .open("td")
                    .link(OperatorPages.PATH + "/messages/" + r.key(), r.messageId())
                    .close("td")
                    .td(r.partner())
                    .td(r.kind())
                    .open("td");
            if (!session.auditor()) {
                h.postButton(
                        OperatorPages.PATH + "/messages/" + r.key() + "/requeue", session.csrf(), "Re-queue", "warn");
            }
            h.close("td").close("tr");
        }
        h.close("table");
    }

    /** A duration for people: "3 d 4 h", "2 h 5 min", "40 s". */
    static String age(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
