package org.mlagateway.api;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.access.Throttled;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API error as an RFC 9457 problem ({@code application/problem+json}) with a stable type per
 * error code, {@code urn:mla-gateway:problem:<Code>}. Input that cannot be read (JSON of the wrong
 * shape, a value out of range) is 400, never 500. Denied calls (401, 403, 429) are counted per
 * client and remote address into one message-log entry a minute ({@link InternalAccess}); a 429
 * carries {@code Retry-After}.
 */
final class Problems implements ExceptionMapper<Throwable> {
    static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    @Context
    private UriInfo uri;

    @Context
    private HttpServletRequest http;

    @Context
    private SecurityContext security;

    private final InternalAccess access;

    Problems(InternalAccess access) {
        this.access = access;
    }

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof Throttled t) {
            return problem(t.code(), t.getMessage())
                    .header("Retry-After", Long.toString(t.retryAfterSeconds()))
                    .build();
        }
        if (e instanceof GatewayException g) {
            return problem(g.code(), g.getMessage()).build();
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            ErrorCode code = status == 404 || status == 405 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST;
            return problem(code, "HTTP " + status).build();
        }
        if (e instanceof JacksonException j) {
            // Never echo the input: name the kind of mistake only.
            return problem(
                            ErrorCode.INVALID_REQUEST,
                            "the JSON body cannot be read (" + j.getClass().getSimpleName() + ")")
                    .build();
        }
        if (e instanceof StoreException) {
            LOG.error("store unavailable: {}", e.getMessage());
            return problem(ErrorCode.TEMPORARILY_UNAVAILABLE, "the store is unavailable")
                    .build();
        }
        if (e instanceof IllegalArgumentException) {
            return problem(ErrorCode.INVALID_REQUEST, e.getMessage()).build();
        }
        LOG.error("internal error in the API", e);
        return problem(ErrorCode.INTERNAL_ERROR, "internal error").build();
    }

    private Response.ResponseBuilder problem(ErrorCode code, String detail) {
        int status = status(code);
        if (status == 401 || status == 403 || status == 429) {
            denied(code);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Namespaces.PROBLEM_TYPE + code.wireName());
        body.put("title", code.reason());
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code.wireName());
        Response.ResponseBuilder response =
                Response.status(status).type(MEDIA_TYPE).entity(body);
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"mla-gateway\"");
        }
        return response;
    }

    private void denied(ErrorCode code) {
        String path = null;
        String client = null;
        try {
            path = uri == null ? null : uri.getPath();
            client = security != null && security.getUserPrincipal() instanceof Caller c ? c.name() : null;
        } catch (RuntimeException outsideARequest) {
            // The injected proxies have nothing behind them: count the denial without these details.
        }
        access.denied(
                InternalAccess.API_DENIED,
                "api",
                client,
                BearerAuthentication.remoteAddress(http),
                code.wireName(),
                path);
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case IDEMPOTENCY_KEY_REUSED, LEASE_LOST, DUPLICATE_ID_CONFLICT -> 409;
            case SCHEMA_INVALID, DOCUMENT_DIGEST_MISMATCH, UNKNOWN_PARTNER, TRANSLATION_MISSING -> 422;
            case MALFORMED_MESSAGE, INVALID_REQUEST, INVALID_IIN -> 400;
            case MESSAGE_TOO_LARGE -> 413;
            case TOO_MANY_REQUESTS -> 429;
            case TEMPORARILY_UNAVAILABLE -> 503;
            default -> 500;
        };
    }
}
