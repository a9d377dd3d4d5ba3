package org.mlagateway.api;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Bearer-token authentication of every request, before it is matched to a resource, so that no
 * spelling of a path (matrix parameters, encoded slashes, extra segments, dot segments) can reach
 * one without a token: an unknown route without a token is 401 as well. The one exception is
 * {@code GET /api/v1/openapi.json}, recognised by its raw request path exactly, never by a suffix.
 *
 * <p>A missing token is 401. A token that belongs to no client is 401 and counts as a failed
 * credential of the remote address: after a few, that address is refused for a while without its
 * token being looked at ({@link InternalAccess}, 429 with {@code Retry-After}). What a known client
 * may do is decided by its roles (403).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthentication implements ContainerRequestFilter {
    /** The raw request path of the only route served without a token. */
    static final String OPEN_PATH = InternalApi.BASE + OpenApiResource.PATH;

    private static final String BEARER = "Bearer ";

    private final ApiClients clients;
    private final InternalAccess access;

    @Context
    private HttpServletRequest http;

    BearerAuthentication(ApiClients clients, InternalAccess access) {
        this.clients = clients;
        this.access = access;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isOpenDocument(request)) {
            return;
        }
        Caller caller = caller(clients, access, request.getHeaderString("Authorization"), remoteAddress(http));
        boolean secure = request.getSecurityContext() != null
                && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.has(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    /**
     * The client an {@code Authorization} header names, for a request from {@code address}:
     * {@code Unauthenticated} without a known token (a failed credential of the address), or
     * {@code TooManyRequests} while the address is throttled. The streamed submission
     * ({@link StreamedSubmissions}) authenticates with it too.
     */
    static Caller caller(ApiClients clients, InternalAccess access, String header, String address) {
        if (header == null
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            throw new GatewayException(ErrorCode.UNAUTHENTICATED, "no bearer token");
        }
        access.requireNotThrottled(null, address);
        Caller caller = clients.byToken(header.substring(BEARER.length())).orElse(null);
        if (caller == null) {
            access.credentialFailed(null, address);
            throw new GatewayException(ErrorCode.UNAUTHENTICATED, "unknown bearer token");
        }
        return caller;
    }

    /** Exactly {@code GET} or {@code HEAD} of {@link #OPEN_PATH}: no parameters, no encoding, nothing more. */
    static boolean isOpenDocument(ContainerRequestContext request) {
        String method = request.getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && OPEN_PATH.equals(request.getUriInfo().getRequestUri().getRawPath());
    }

    /** The peer's IP address, as the listener saw it; "?" when the transport does not say. */
    static String remoteAddress(HttpServletRequest http) {
        try {
            String address = http == null ? null : http.getRemoteAddr();
            return address == null || address.isEmpty() ? "?" : address;
        } catch (RuntimeException e) {
            // Outside a request (the injected proxy has nothing behind it).
            return "?";
        }
    }
}
