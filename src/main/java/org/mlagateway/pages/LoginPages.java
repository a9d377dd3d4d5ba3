package org.mlagateway.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.access.Throttled;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login and logout. The operator enters an API client id and its bearer token; a client with the
 * operator, the auditor or the register role gets a session cookie ({@link Logins}), anyone else a 401
 * (unknown client or wrong token, one message for both) or a 403 (none of these roles). The login form
 * carries its own CSRF token, bound to a cookie, so that another site cannot log a browser in under its
 * own account.
 *
 * <p>After a few wrong tokens from one address, or for one configured client id, further logins
 * from there are answered 429 with {@code Retry-After}, without the token being checked, for a time
 * that doubles with each failure ({@link InternalAccess}). A successful login is one message-log
 * entry; failed ones are counted per client and address into one entry a minute. Neither ever
 * holds the token.
 */
@Path("/")
@Produces(Layout.HTML)
public final class LoginPages {
    private static final Logger LOG = LoggerFactory.getLogger(LoginPages.class);
    private final Sessions sessions;
    private final Logins logins;
    private final Layout layout;
    private final MessageLog store;
    private final InternalAccess access;

    LoginPages(Sessions sessions, Logins logins, Layout layout, MessageLog store, InternalAccess access) {
        this.sessions = sessions;
        this.logins = logins;
        this.layout = layout;
        this.store = store;
        this.access = access;
    }

    @GET
    @Path("login")
    public Response loginForm(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return form(200, null, uri, layout.languages().messages(null, acceptLanguage));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(
            @FormParam("client") String client,
            @FormParam("token") String token,
            @FormParam("csrf") String csrf,
            @CookieParam(Cookies.LOGIN) String expected,
            @Context UriInfo uri,
            @Context HttpServletRequest http,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Messages t = layout.languages().messages(null, acceptLanguage);
        String name = client == null ? "" : client.strip();
        String shown = logins.loggable(name);
        String configured = logins.isClient(name) ? name : null;
        String remote = http == null ? "?" : http.getRemoteAddr();
        if (!Sessions.sameToken(expected, csrf)) {
            failed(shown, remote, "csrf");
            return form(403, t.get("login.expired"), uri, t);
        }
        try {
            access.requireNotThrottled(configured, remote);
        } catch (Throttled th) {
            failed(shown, remote, "throttled");
            return formBuilder(429, t.get("login.throttled", th.retryAfterSeconds()), uri, t)
                    .header("Retry-After", Long.toString(th.retryAfterSeconds()))
                    .build();
        }
        Logins.Outcome outcome = logins.check(name, token);
        if (outcome == Logins.Outcome.NOT_OPERATOR) {
            failed(shown, remote, "role");
            return layout.problem(403, null, t, t.get("problem.title.403"), t.get("login.notOperator", shown), null);
        }
        OperatorSession.Access granted = Logins.access(outcome).orElse(null);
        if (granted == null) {
            access.credentialFailed(configured, remote);
            failed(shown, remote, outcome == Logins.Outcome.UNKNOWN_CLIENT ? "unknown-client" : "wrong-token");
            return form(401, t.get("login.wrong"), uri, t);
        }
        access.credentialAccepted(name);
        String id = sessions.start(name, granted).orElse(null);
        if (id == null) {
            LOG.error("operator login refused: {} sessions are live", Sessions.MAX_SESSIONS);
            return layout.problem(503, null, t, t.get("problem.title.503"), t.get("problem.sessions"), null);
        }
        loggedIn(name, remote);
        // One Set-Cookie per response: the Netty transport keeps only the last of several. The login
        // cookie stays; it is worth nothing once its form was used, and the next form replaces it.
        return Response.status(Response.Status.SEE_OTHER)
                .header("Location", OperatorSession.home(granted))
                .header("Set-Cookie", Cookies.set(Cookies.SESSION, id, uri))
                .build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(
            @FormParam("csrf") String csrf,
            @CookieParam(Cookies.SESSION) String id,
            @Context jakarta.ws.rs.core.SecurityContext security,
            @Context UriInfo uri) {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        sessions.end(id);
        LOG.info("operator {} logged out", session.name());
        return Response.status(Response.Status.SEE_OTHER)
                .header("Location", OperatorPages.PATH + "/login")
                .header("Set-Cookie", Cookies.clear(Cookies.SESSION, uri))
                .build();
    }

    /** The login form, in the language of a browser that asks for {@code acceptLanguage} (null for none). */
    Response form(int status, UriInfo uri, String acceptLanguage) {
        return form(status, null, uri, layout.languages().messages(null, acceptLanguage));
    }

    /** The login form with a fresh login CSRF token in a cookie and a hidden field. */
    Response form(int status, String message, UriInfo uri, Messages t) {
        return formBuilder(status, message, uri, t).build();
    }

    private Response.ResponseBuilder formBuilder(int status, String message, UriInfo uri, Messages t) {
        String token = sessions.token();
        Map<String, Object> page = new HashMap<>();
        page.put("token", token);
        page.put("message", message);
        Frame frame = layout.frame(t.get("login.title"), null, t);
        return Response.status(status)
                .type(Layout.HTML)
                .entity(layout.page("login.jte", frame, page))
                .header("Set-Cookie", Cookies.set(Cookies.LOGIN, token, uri));
    }

    /** A failed login: counted per client and address into the message log (never with the token). */
    private void failed(String client, String remote, String reason) {
        access.denied(InternalAccess.LOGIN_FAILED, "ops", client, remote, reason, null);
    }

    private void loggedIn(String client, String remote) {
        LOG.info("operator {} logged in from {}", client, remote);
        try {
            store.append(List.of(LogEvent.of("ops-login", null, null, client, Map.of("remoteAddress", remote))));
        } catch (RuntimeException e) {
            LOG.error("could not log the login to the message log: {}", e.getMessage());
        }
    }
}
