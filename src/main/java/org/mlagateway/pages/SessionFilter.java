package org.mlagateway.pages;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Lets a request through to a page only with a live session cookie; otherwise answers 401 with the
 * login form. It runs before the request is matched to a page, and the open routes (the login form
 * and the style sheet) are recognised by their raw request path exactly, so that no spelling of a
 * path (matrix parameters, encoded slashes, dot segments) reaches a page without a session. Adds
 * the pages' security headers to every response: a content security policy that allows no script
 * and nothing from elsewhere, no framing, no caching of pages that hold personal data, no referrer.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class SessionFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    /** The raw request paths served without a session. */
    static final Set<String> OPEN = Set.of(OperatorPages.PATH + "/login", OperatorPages.PATH + "/static/ops.css");
    /**
     * The raw request paths a register-only session reaches besides the open ones: the register and its
     * export, the landing path, the language switch and logout. Every other page shows messages or cases,
     * which the register role does not grant.
     */
    static final Set<String> REGISTER_ONLY = Set.of(
            OperatorPages.PATH,
            OperatorPages.PATH + "/",
            OperatorPages.PATH + "/register",
            OperatorPages.PATH + "/register.csv",
            OperatorPages.PATH + "/language",
            OperatorPages.PATH + "/logout");

    private final Sessions sessions;
    private final LoginPages login;

    SessionFilter(Sessions sessions, LoginPages login) {
        this.sessions = sessions;
        this.login = login;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (OPEN.contains(path)) {
            return;
        }
        Cookie cookie = request.getCookies().get(Cookies.SESSION);
        Optional<OperatorSession> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            request.abortWith(
                    login.form(401, request.getUriInfo(), request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
            return;
        }
        OperatorSession operator = session.get();
        boolean secure = request.getSecurityContext() != null
                && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return operator;
            }

            @Override
            public boolean isUserInRole(String role) {
                return operator.role().text().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Session";
            }
        });
        if (operator.registerOnly() && !REGISTER_ONLY.contains(path)) {
            throw new GatewayException(
                    ErrorCode.FORBIDDEN, "client " + operator.name() + " holds only the register role");
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CSP);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cache-Control", "no-store");
    }

    /**
     * The signed-in operator of a request that passed the filter. Fails closed: a request that
     * reached a page without one (whatever let it through) is 401, never served and never a 500.
     */
    static OperatorSession operator(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof OperatorSession session) {
            return session;
        }
        throw new GatewayException(ErrorCode.UNAUTHENTICATED, "no operator session");
    }
}
