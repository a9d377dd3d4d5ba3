package org.mlagateway.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the pages as a short HTML page with the right status; internals are logged, not
 * shown. A refusal (403, e.g. an auditor's attempt at a queue action) is also counted into the
 * message log as {@link InternalAccess#OPS_DENIED}, with the client, the path and the error code.
 */
final class PageErrors implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);
    private final Layout layout;
    private final InternalAccess access;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @Context
    private HttpHeaders headers;

    @Context
    private HttpServletRequest http;

    PageErrors(Layout layout, InternalAccess access) {
        this.layout = layout;
        this.access = access;
    }

    @Override
    public Response toResponse(Throwable e) {
        OperatorSession session =
                security != null && security.getUserPrincipal() instanceof OperatorSession s ? s : null;
        Messages t = layout.languages().messages(session, acceptLanguage());
        if (e instanceof GatewayException g) {
            int status =
                    switch (g.code()) {
                        case NOT_FOUND -> 404;
                        case FORBIDDEN -> 403;
                        case UNAUTHENTICATED -> 401;
                        case LEASE_LOST -> 409;
                        default -> 400;
                    };
            if (status == 403) {
                LOG.info("operator page denied: {}", g.getMessage());
                denied(session, g);
            }
            return problem(status, session, t, t.code("error", g.code().wireName()), g.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return problem(400, session, t, t.get("error.InvalidRequest"), e.getMessage());
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return problem(status, session, t, t.get(status == 404 ? "problem.noPage" : "problem.notAccepted"), null);
        }
        if (e instanceof StoreException) {
            LOG.error("store unavailable for the operator pages: {}", e.getMessage());
            return problem(503, session, t, t.get("problem.store"), null);
        }
        LOG.error("internal error in the operator pages", e);
        return problem(500, session, t, t.get("problem.internal"), null);
    }

    /** The page of an error: its title by status, the message in the page's language, the English detail. */
    private Response problem(int status, OperatorSession session, Messages t, String message, String detail) {
        String key = "problem.title." + status;
        String title = t.knows("problem.title", Integer.toString(status))
                ? t.get(key)
                : t.get("problem.title.other") + " (HTTP " + status + ")";
        return layout.problem(status, session, t, title, message, detail);
    }

    private String acceptLanguage() {
        try {
            return headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE);
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }

    private void denied(OperatorSession session, GatewayException e) {
        String path = null;
        String remote = null;
        try {
            path = uri == null ? null : uri.getPath();
            remote = http == null ? null : http.getRemoteAddr();
        } catch (RuntimeException outsideARequest) {
            // The injected proxies have nothing behind them: count the denial without these details.
        }
        access.denied(
                InternalAccess.OPS_DENIED,
                "ops",
                session == null ? null : session.name(),
                remote,
                e.code().wireName(),
                path);
    }
}
