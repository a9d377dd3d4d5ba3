package org.mlagateway.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.LogQuery;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.OperatorReads;
import org.mlagateway.store.QueueStore;
import org.mlagateway.store.SearchStore;

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
    public Response queues(
            @QueryParam("released") Long released,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        Messages t = layout.languages().messages(session, acceptLanguage);
        Map<String, Object> page = new HashMap<>();
        page.put("released", released);
        page.put("overview", overviews.queueOverview());
        page.put("stuck", overviews.stuckLeases(stuckAfter));
        page.put("stuckMinutes", stuckAfter.toMinutes());
        page.put(
                "failed",
                search.search(LogQuery.builder()
                                .direction("OUT")
                                .status(MessageStatus.FAILED.dbName())
                                .limit(LogQuery.MAX_LIMIT)
                                .build())
                        .rows());
        page.put("now", clock.instant());
        Frame frame = layout.frame(t.get("queues.title"), session, t, OperatorPages.PATH + "/queues");
        return layout.ok("queues.jte", frame, page);
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
    public Response deadlines(
            @QueryParam("days") @DefaultValue("3660") int days,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        if (days < 0 || days > 3660) {
            throw new IllegalArgumentException("days must be between 0 and 3660");
        }
        Messages t = layout.languages().messages(session, acceptLanguage);
        Instant now = clock.instant();
        Map<String, Object> page = new HashMap<>();
        page.put("due", queues.dueBefore(now.plus(Duration.ofDays(days))));
        page.put("now", now);
        Frame frame = layout.frame(t.get("deadlines.title"), session, t, OperatorPages.PATH + "/deadlines");
        return layout.ok("deadlines.jte", frame, page);
    }
}
