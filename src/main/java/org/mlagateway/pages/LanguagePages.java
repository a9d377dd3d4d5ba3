package org.mlagateway.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.regex.Pattern;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The language switch of the top bar: a POST with the session's CSRF token that remembers the language in
 * the session and goes back to the page it came from (a path of the pages only, never another site).
 */
@Path("/")
public final class LanguagePages {
    private static final Pattern BACK = Pattern.compile(Pattern.quote(OperatorPages.PATH) + "/[A-Za-z0-9/_-]{0,200}");
    private final Sessions sessions;

    LanguagePages(Sessions sessions) {
        this.sessions = sessions;
    }

    @POST
    @Path("language")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(
            @FormParam("csrf") String csrf,
            @FormParam("language") String language,
            @FormParam("back") String back,
            @CookieParam(Cookies.SESSION) String id,
            @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        if (language == null || !Messages.LANGUAGES.contains(language)) {
            throw new GatewayException(
                    ErrorCode.INVALID_REQUEST, "language must be one of " + String.join(", ", Messages.LANGUAGES));
        }
        sessions.remember(id, language);
        boolean local = back != null && BACK.matcher(back).matches() && !back.contains("//");
        return Layout.seeOther(local ? back : session.home());
    }
}
