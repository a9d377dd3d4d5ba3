package org.mlagateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API error as an RFC 9457 problem ({@code application/problem+json}) with a stable type per
 * error code, {@code urn:mla-gateway:problem:<Code>}. Denied calls (401, 403) are logged, to the
 * application log and to the message log as {@code api-denied}.
 */
final class Problems implements ExceptionMapper<Throwable> {
    static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    @Context
    private UriInfo uri;

    private final Store store;

    Problems(Store store) {
        this.store = store;
    }

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof GatewayException g) {
            return problem(g.code(), g.getMessage());
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            ErrorCode code = status == 404 || status == 405 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST;
            return problem(code, "HTTP " + status);
        }
        if (e instanceof StoreException) {
            LOG.error("store unavailable: {}", e.getMessage());
            return problem(ErrorCode.TEMPORARILY_UNAVAILABLE, "the store is unavailable");
        }
        if (e instanceof IllegalArgumentException) {
            return problem(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
        LOG.error("internal error in the API", e);
        return problem(ErrorCode.INTERNAL_ERROR, "internal error");
    }

    private Response problem(ErrorCode code, String detail) {
        int status = status(code);
        if (status == 401 || status == 403) {
            String path = uri == null ? "?" : uri.getPath();
            LOG.info("API call denied ({}): {} {}", code.wireName(), path, detail);
            try {
                store.append(List.of(LogEvent.of("api-denied", null, null, "api",
                        Map.of("code", code.wireName(), "path", path))));
            } catch (RuntimeException ignored) {
                LOG.error("could not log the denied call");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:mla-gateway:problem:" + code.wireName());
        body.put("title", code.reason());
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code.wireName());
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(body);
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"mla-gateway\"");
        }
        return response.build();
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case IDEMPOTENCY_KEY_REUSED, LEASE_LOST, DUPLICATE_ID_CONFLICT -> 409;
            case SCHEMA_INVALID, DOCUMENT_DIGEST_MISMATCH, UNKNOWN_PARTNER, TRANSLATION_MISSING -> 422;
            case MALFORMED_MESSAGE, INVALID_REQUEST -> 400;
            case MESSAGE_TOO_LARGE -> 413;
            case TEMPORARILY_UNAVAILABLE -> 503;
            default -> 500;
        };
    }
}
