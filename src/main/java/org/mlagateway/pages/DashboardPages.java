package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.mlagateway.alerts.DeadlineAlerts;

/**
 * The deadline dashboard: overdue and soon-due clocks per domestic body and per partner, then the clocks
 * themselves, each linked to its case ({@link DeadlineAlerts#board}). Ids, codes and times only.
 */
@Path("/")
@Produces(Layout.HTML)
public final class DashboardPages {
    private final DeadlineAlerts alerts;
    private final Layout layout;

    DashboardPages(DeadlineAlerts alerts, Layout layout) {
        this.alerts = alerts;
        this.layout = layout;
    }

    @GET
    @Path("deadlines/dashboard")
    public Response dashboard(
            @Context SecurityContext security, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        Messages t = layout.languages().messages(session, acceptLanguage);
        Frame frame = layout.frame(t.get("dashboard.title"), session, t);
        return Response.ok(layout.page("dashboard.jte", frame, Map.of("board", alerts.board())), Layout.HTML)
                .build();
    }
}
