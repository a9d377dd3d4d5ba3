package org.mlagateway.pages;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * Lets a request through to a page only with a live session cookie (the login form and the style
 * sheet are open); otherwise answers 401 with the login form. Adds the pages' security headers to
 * every response: a content security policy that allows no script and nothing from elsewhere, no
 * framing, no caching of pages that hold personal data, no referrer.
 */
@Priority(Priorities.AUTHENTICATION)
final class SessionFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private final Sessions sessions;
    private final LoginPages login;

    SessionFilter(Sessions sessions, LoginPages login) {
        this.sessions = sessions;
        this.login = login;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        if (path.equals("login") || path.startsWith("static/")) {
            return;
        }
        Cookie cookie = request.getCookies().get(Cookies.SESSION);
        Optional<OperatorSession> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            request.abortWith(login.form(401, null, request.getUriInfo()));
            return;
        }
        OperatorSession operator = session.get();
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return operator;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Logins.ROLE.equals(role);
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

    /** The signed-in operator of a request that passed the filter. */
    static OperatorSession operator(SecurityContext context) {
        return (OperatorSession) context.getUserPrincipal();
    }
}
