package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.message.xml.RequestType;
import org.mlagateway.store.LogPage;
import org.mlagateway.store.LogQuery;
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
    /** The message kinds and request types of the schema, for the filters (shown by name, sent as codes). */
    static final List<String> KINDS =
            Arrays.stream(MessageKind.values()).map(MessageKind::value).toList();

    static final List<String> REQUEST_TYPES =
            Arrays.stream(RequestType.values()).map(RequestType::value).toList();

    static final List<String> ERROR_CODES =
            Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList();
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
    public Response home(@Context SecurityContext security) {
        return Layout.seeOther(SessionFilter.operator(security).home());
    }

    @GET
    @Path("log")
    public Response log(
            @Context UriInfo uri,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        Messages t = layout.languages().messages(session, acceptLanguage);
        LogFilters filters = new LogFilters(uri.getQueryParameters());
        String after = uri.getQueryParameters().getFirst("after");
        Map<String, Object> page = new HashMap<>();
        page.put("filters", filters);
        page.put("partners", partners);
        page.put("now", clock.instant());
        Frame frame = layout.frame(t.get("log.title"), session, t);
        LogQuery query;
        try {
            query = filters.query(after);
        } catch (IllegalArgumentException e) {
            page.put("problem", e.getMessage());
            return html(400, layout.page("log.jte", frame, page));
        }
        LogPage found = store.search(query);
        page.put("rows", found.rows());
        page.put("newest", after == null ? null : filters.url(null));
        page.put("next", found.next() == null ? null : filters.url(found.next()));
        return html(200, layout.page("log.jte", frame, page));
    }

    private static Response html(int status, String page) {
        return Response.status(status).type(Layout.HTML).entity(page).build();
    }
}
