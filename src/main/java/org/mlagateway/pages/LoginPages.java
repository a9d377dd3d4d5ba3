package org.mlagateway.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
 * operator or the auditor role gets a session cookie, anyone else a 401 (unknown client or wrong
 * token, one message for both) or a 403 (neither role). The login form carries its own CSRF token, bound to a
 * cookie, so that another site cannot log a browser in under its own account.
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
    public Response loginForm(@Context UriInfo uri) {
        return form(200, null, uri);
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
            @Context HttpServletRequest http) {
        String name = client == null ? "" : client.strip();
        String shown = logins.loggable(name);
        String configured = logins.isClient(name) ? name : null;
        String remote = http == null ? "?" : http.getRemoteAddr();
        if (!Sessions.sameToken(expected, csrf)) {
            failed(shown, remote, "csrf");
            return form(403, "The login form expired or came from another page. Please try again.", uri);
        }
        try {
            access.requireNotThrottled(configured, remote);
        } catch (Throttled t) {
            failed(shown, remote, "throttled");
            return formBuilder(429, "Too many failed logins. Try again in " + t.retryAfterSeconds() + " s.", uri)
                    .header("Retry-After", Long.toString(t.retryAfterSeconds()))
                    .build();
        }
        Logins.Outcome outcome = logins.check(name, token);
        if (outcome == Logins.Outcome.NOT_OPERATOR) {
            failed(shown, remote, "role");
            return layout.problem(
                    403,
                    "Forbidden",
                    "Client " + shown + " does not have the operator or the" + " auditor role.",
                    null);
        }
        if (outcome != Logins.Outcome.OPERATOR && outcome != Logins.Outcome.AUDITOR) {
            access.credentialFailed(configured, remote);
            failed(shown, remote, outcome == Logins.Outcome.UNKNOWN_CLIENT ? "unknown-client" : "wrong-token");
            return form(401, "Unknown client id or wrong token.", uri);
        }
        access.credentialAccepted(name);
        String id = sessions.start(name, outcome == Logins.Outcome.AUDITOR).orElse(null);
        if (id == null) {
            LOG.error("operator login refused: {} sessions are live", Sessions.MAX_SESSIONS);
            return layout.problem(503, "Too many sessions", "Too many sessions are open; try again later.", null);
        }
        loggedIn(name, remote);
        // One Set-Cookie per response: the Netty transport keeps only the last of several. The login
        // cookie stays; it is worth nothing once its form was used, and the next form replaces it.
        return Response.status(Response.Status.SEE_OTHER)
                .header("Location", OperatorPages.PATH + "/log")
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

    /** The login form with a fresh login CSRF token in a cookie and a hidden field. */
    Response form(int status, String message, UriInfo uri) {
        return formBuilder(status, message, uri).build();
    }

    private Response.ResponseBuilder formBuilder(int status, String message, UriInfo uri) {
        String token = sessions.token();
        Html body = new Html();
        if (message != null) {
            body.el("p", message, "class", "problem");
        }
        body.open("form", "method", "post", "action", OperatorPages.PATH + "/login", "class", "login")
                .hidden("csrf", token)
                .open("label")
                .text("Client id ")
                .open("input", "name", "client", "id", "client", "required", "required", "autocomplete", "username")
                .close("label")
                .open("label")
                .text("Token ")
                .open(
                        "input",
                        "name",
                        "token",
                        "id",
                        "token",
                        "type",
                        "password",
                        "required",
                        "required",
                        "autocomplete",
                        "current-password")
                .close("label")
                .el("button", "Log in", "type", "submit", "id", "login")
                .close("form")
                .el(
                        "p",
                        "Use an API client of this gateway with the operator or the auditor role (api.clients).",
                        "class",
                        "hint");
        return Response.status(status)
                .type(Layout.HTML)
                .entity(layout.page("Log in", null, body))
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
