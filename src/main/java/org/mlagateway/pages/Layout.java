package org.mlagateway.pages;

import gg.jte.Content;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * The frame of every page ({@code layout.jte}): head, navigation, the language switch, who is signed in, and
 * the logout form. Pages moved to templates pass their labels' {@link Messages}; the pages still written with
 * {@link Html} get the session's language or the deployment's default.
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
        return new Frame(title, session, t, statistics, OperatorPages.PATH + "/log", null);
    }

    /** A whole page around {@code body}; {@code session} null for the pages shown before login. */
    String page(String title, OperatorSession session, Html body) {
        String markup = body.toString();
        Content content = output -> output.writeContent(markup);
        // Pages not yet translated stay English unless the operator picked a language for the top bar.
        Messages t = Messages.of(session != null && session.language() != null ? session.language() : "en");
        Frame frame = new Frame(
                title, session, t, statistics, OperatorPages.PATH + "/log", "en".equals(t.language()) ? null : "en");
        return templates.render("layout.jte", Map.of("frame", frame, "content", content));
    }

    Response respond(int status, String title, OperatorSession session, Html body) {
        return Response.status(status)
                .type(HTML)
                .entity(page(title, session, body))
                .build();
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

    Response ok(String title, OperatorSession session, Html body) {
        return respond(200, title, session, body);
    }

    /** A page that only says what went wrong. */
    Response problem(int status, String title, String message, OperatorSession session) {
        return respond(status, title, session, new Html().el("p", message, "class", "problem"));
    }
}
