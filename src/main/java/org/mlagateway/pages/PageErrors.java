package org.mlagateway.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
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
    private HttpServletRequest http;

    PageErrors(Layout layout, InternalAccess access) {
        this.layout = layout;
        this.access = access;
    }

    @Override
    public Response toResponse(Throwable e) {
        OperatorSession session =
                security != null && security.getUserPrincipal() instanceof OperatorSession s ? s : null;
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
            return layout.problem(status, g.code().reason(), g.getMessage(), session);
        }
        if (e instanceof IllegalArgumentException) {
            return layout.problem(400, "Invalid request", e.getMessage(), session);
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return layout.problem(
                    status,
                    status == 404 ? "Not found" : "HTTP " + status,
                    status == 404 ? "There is no such page." : "The request was not accepted.",
                    session);
        }
        if (e instanceof StoreException) {
            LOG.error("store unavailable for the operator pages: {}", e.getMessage());
            return layout.problem(503, "Store unavailable", "The store is unavailable; try again shortly.", session);
        }
        LOG.error("internal error in the operator pages", e);
        return layout.problem(500, "Internal error", "The page failed; the gateway log has the details.", session);
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
