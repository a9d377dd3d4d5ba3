package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The case view: one conversation ({@code ConversationId}) as a whole, reached from each of its
 * messages' detail page and log row ({@link Cases}). It shows message metadata, documents and clocks,
 * no person field, so a look at it is not a person-data read.
 */
@Path("/")
@Produces(Layout.HTML)
public final class CasePages {
    /** What a conversation id may be (schemas: a token of at most 64 characters). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Cases cases;
    private final Layout layout;
    private final Clock clock;

    CasePages(Cases cases, Layout layout, Clock clock) {
        this.cases = cases;
        this.layout = layout;
        this.clock = clock;
    }

    /** The path of the case of {@code conversationId}. */
    static String path(String conversationId) {
        return OperatorPages.PATH + "/cases/" + conversationId;
    }

    @GET
    @Path("cases/{id}")
    public Response show(
            @PathParam("id") String id,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        if (!ID.matcher(id).matches()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "no such conversation");
        }
        Messages t = layout.languages().messages(session, acceptLanguage);
        Cases.Case c = cases.of(id, clock.instant());
        if (c.items().isEmpty()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "no such conversation");
        }
        Frame frame = layout.frame(t.get("case.title"), session, t);
        String html = layout.page("case.jte", frame, Map.of("c", c));
        return Response.ok(html, Layout.HTML).build();
    }
}
