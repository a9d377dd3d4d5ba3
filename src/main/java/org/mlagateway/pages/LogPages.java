package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogPage;
import org.mlagateway.store.LogQuery;
import org.mlagateway.store.LogRow;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.SearchStore;

/**
 * The message log: every stored message and every rejected delivery attempt, newest first, in
 * pages, with the filters of {@link LogQuery}. A message's row links to its detail page; a
 * rejection shows its error code and correlation id.
 */
@Path("/")
@Produces(Layout.HTML)
public final class LogPages {
    static final List<String> STATUSES = Stream.concat(
                    Arrays.stream(MessageStatus.values()).map(MessageStatus::dbName), Stream.of(LogQuery.REJECTED))
            .toList();
    private final SearchStore store;
    private final Layout layout;
    private final List<String> partners;
    private final Clock clock;

    LogPages(SearchStore store, Layout layout, List<String> partners, Clock clock) {
        this.store = store;
        this.layout = layout;
        this.partners = List.copyOf(partners);
        this.clock = clock;
    }

    @GET
    public Response home() {
        return Layout.seeOther(OperatorPages.PATH + "/log");
    }

    @GET
    @Path("log")
    public Response log(@Context UriInfo uri, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        LogFilters filters = new LogFilters(uri.getQueryParameters());
        String after = uri.getQueryParameters().getFirst("after");
        Html body = new Html();
        form(body, filters);
        LogQuery query;
        try {
            query = filters.query(after);
        } catch (IllegalArgumentException e) {
            body.el("p", e.getMessage(), "class", "problem");
            return layout.respond(400, "Message log", session, body);
        }
        LogPage page = store.search(query);
        table(body, page.rows(), clock.instant());
        body.open("p", "class", "pager");
        if (after != null) {
            body.link(filters.url(null), "« Newest").text(" ");
        }
        if (page.next() != null) {
            body.open("a", "href", filters.url(page.next()), "id", "next", "rel", "next")
                    .text("Next page »")
                    .close("a");
        } else {
            body.el("span", page.rows().isEmpty() ? "No match." : "End of the log.", "class", "hint");
        }
        body.close("p");
        return layout.ok("Message log", session, body);
    }

    private void form(Html h, LogFilters f) {
        h.open("form", "method", "get", "action", OperatorPages.PATH + "/log", "class", "filters", "id", "filters");
        select(h, "direction", "Direction", f.get("direction"), List.of(Direction.IN.name(), Direction.OUT.name()));
        select(h, "partner", "Partner", f.get("partner"), partners);
        select(h, "status", "Status", f.get("status"), STATUSES);
        input(h, "kind", "Kind", f.get("kind"), "e.g. EXTRADITION_REQUEST");
        input(h, "requestType", "Request type", f.get("requestType"), "e.g. PROVISIONAL_ARREST");
        input(h, "messageId", "Message id", f.get("messageId"), null);
        input(h, "conversationId", "Conversation id", f.get("conversationId"), null);
        input(h, "correlationId", "Correlation id", f.get("correlationId"), null);
        input(h, "errorCode", "Error code", f.get("errorCode"), "e.g. SignatureInvalid");
        date(h, "from", "From", f.get("from"));
        date(h, "to", "To (inclusive)", f.get("to"));
        checkbox(h, "flagged", "Flagged", f.checked("flagged"));
        checkbox(h, "overdue", "Overdue", f.checked("overdue"));
        input(h, "q", "Text (subject, summary)", f.get("q"), "e.g. өтініш");
        h.el("button", "Search", "type", "submit", "id", "search");
        h.link(OperatorPages.PATH + "/log", "Clear").text(" ");
        h.link(OperatorPages.PATH + "/log/verify", "Verify the whole log");
        h.close("form");
    }

    private static void select(Html h, String name, String label, String value, List<String> options) {
        h.open("label").text(label + " ").open("select", "name", name, "id", name);
        h.el("option", "any", "value", "");
        for (String o : options) {
            h.el("option", o, "value", o, "selected", o.equalsIgnoreCase(value) ? "selected" : null);
        }
        h.close("select").close("label");
    }

    private static void input(Html h, String name, String label, String value, String placeholder) {
        h.open("label")
                .text(label + " ")
                .open("input", "name", name, "id", name, "value", value, "placeholder", placeholder)
                .close("label");
    }

    private static void date(Html h, String name, String label, String value) {
        h.open("label")
                .text(label + " ")
                .open("input", "name", name, "id", name, "type", "date", "value", value)
                .close("label");
    }

    private static void checkbox(Html h, String name, String label, boolean checked) {
        h.open("label")
                .open(
                        "input",
                        "type",
                        "checkbox",
                        "name",
                        name,
                        "id",
                        name,
                        "value",
                        "true",
                        "checked",
                        checked ? "checked" : null)
                .text(" " + label)
                .close("label");
    }

    static void table(Html h, List<LogRow> rows, Instant now) {
        h.open("table", "class", "log", "id", "log");
        h.headerRow(
                "Time (UTC)", "Dir", "Partner", "Message id", "Kind / request type", "Status", "Subject", "Flag / due");
        for (LogRow r : rows) {
            boolean overdue = r.overdueAt(now);
            h.open("tr", "class", r.isRejection() ? "rejected" : overdue ? "overdue" : null);
            h.td(Html.time(r.at())).td(r.direction().name()).td(r.partner());
            h.open("td");
            if (r.isRejection()) {
                if (r.messageId() == null) {
                    h.text("(unknown)");
                } else {
                    h.el(
                            "a",
                            r.messageId(),
                            "href",
                            LogFilters.only("messageId", r.messageId()),
                            "class",
                            "rejected-id");
                }
            } else {
                h.link(OperatorPages.PATH + "/messages/" + r.key(), r.messageId());
            }
            h.close("td");
            if (r.isRejection()) {
                h.open("td").el("span", r.errorCode(), "class", "code").close("td");
                h.td(r.status(), "class", "status status-rejected");
                h.td("correlation id " + (r.correlationId() == null ? "(none)" : r.correlationId()));
                h.td("");
            } else {
                h.td(r.kind() + (r.requestType() == null ? "" : " / " + r.requestType()));
                h.td(r.status(), "class", "status status-" + r.status().toLowerCase(java.util.Locale.ROOT));
                h.td(r.subject());
                h.open("td");
                if (r.flag() != null) {
                    h.el("span", r.flag(), "class", "flag");
                }
                if (r.dueAt() != null) {
                    h.text(" due " + Html.time(r.dueAt()) + (overdue ? " (overdue)" : ""));
                }
                h.close("td");
            }
            h.close("tr");
        }
        h.close("table");
    }
}
