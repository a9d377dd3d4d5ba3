package org.mlagateway.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * The frame of every page ({@code layout.jte}): head, navigation, the language switch, who is signed in, and
 * the logout form. A page class picks its template and its data; the templates hold the markup and escape
 * every value, and the labels come from the request's {@link Messages}.
 */
final class Layout {
    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    private final boolean statistics;
    private final Languages languages;
    private final Templates templates = new Templates();

    Layout(boolean statistics, Languages languages) {
        this.statistics = statistics;
        this.languages = languages;
    }

    Languages languages() {
        return languages;
    }

    /** Renders a page's own template ({@code parameters} without the frame) inside the frame. */
    String page(String template, Frame frame, Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.put("frame", frame);
        all.put("t", frame.t());
        return templates.render(template, all);
    }

    /** The frame of a page of {@code session} (null before login), in {@code t}'s language. */
    Frame frame(String title, OperatorSession session, Messages t) {
        return frame(title, session, t, OperatorPages.PATH + "/log");
    }

    /** The frame of a page whose language switch comes back to {@code back} (a path of the pages). */
    Frame frame(String title, OperatorSession session, Messages t, String back) {
        return new Frame(title, session, t, statistics, back, null);
    }

    /** A page with {@code status}: {@code template} with {@code parameters}, inside {@code frame}. */
    Response respond(int status, String template, Frame frame, Map<String, Object> parameters) {
        return Response.status(status)
                .type(HTML)
                .entity(page(template, frame, parameters))
                .build();
    }

    Response ok(String template, Frame frame, Map<String, Object> parameters) {
        return respond(200, template, frame, parameters);
    }

    /**
     * A page that only says what went wrong: {@code message} in the page's language, and {@code detail} (null
     * for none) the gateway's own English wording, for the operator who reports it.
     */
    Response problem(int status, OperatorSession session, Messages t, String title, String message, String detail) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("message", message);
        parameters.put("detail", detail);
        return respond(status, "problem.jte", frame(title, session, t), parameters);
    }

    /**
     * 303 to a path of the pages. The Location is written as an absolute path (RFC 9110 §10.2.2
     * allows a relative reference): JAX-RS would resolve a relative URI against the base URI, and
     * name the host as the server sees it rather than as the browser does.
     */
    static Response seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER)
                .header("Location", path)
                .build();
    }
}
