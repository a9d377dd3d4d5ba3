package org.mlagateway.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The frame of every page: head, navigation, who is signed in, and the logout form. */
final class Layout {
    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    private final boolean statistics;

    Layout(boolean statistics) {
        this.statistics = statistics;
    }

    /** A whole page around {@code body}; {@code session} null for the pages shown before login. */
    String page(String title, OperatorSession session, Html body) {
        Html h = new Html();
        h.markup("<!DOCTYPE html>")
                .open("html", "lang", "en")
                .open("head")
                .open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .el("title", title + " - MLA Gateway operator")
                .open("link", "rel", "stylesheet", "href", OperatorPages.PATH + "/static/ops.css")
                .close("head")
                .open("body")
                .open("header");
        h.el("span", "MLA Gateway", "class", "brand");
        if (session != null) {
            h.open("nav");
            h.link(OperatorPages.PATH + "/log", "Message log")
                    .link(OperatorPages.PATH + "/queues", "Queues")
                    .link(OperatorPages.PATH + "/deadlines", "Deadlines");
            if (statistics) {
                h.link(OperatorPages.PATH + "/statistics", "Statistics");
            }
            h.link(OperatorPages.PATH + "/certificates", "Certificates");
            h.close("nav");
            h.open("span", "class", "who")
                    .text("signed in as ")
                    .el("strong", session.name())
                    .close("span");
            h.postButton(OperatorPages.PATH + "/logout", session.csrf(), "Log out", "link");
        }
        h.close("header")
                .open("main")
                .el("h1", title)
                .markup(body.toString())
                .close("main")
                .close("body")
                .close("html");
        return h.toString();
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
