package org.mlagateway.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A small HTML writer. Every text and attribute value goes through {@link #escape}; markup comes
 * only from the constant tag and attribute names the pages pass in, never from data.
 */
final class Html {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private final StringBuilder out = new StringBuilder(8192);

    /** Escapes for text and for double-quoted attribute values (OWASP's five characters). */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** Opens a tag; {@code attributes} are name, value pairs, a null value leaves the attribute out. */
    Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ')
                        .append(attributes[i])
                        .append("=\"")
                        .append(escape(attributes[i + 1]))
                        .append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element with escaped text content. */
    Html el(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Html text(String s) {
        out.append(escape(s));
        return this;
    }

    /** A link with escaped text; {@code href} is escaped as an attribute. */
    Html link(String href, String text) {
        return el("a", text, "href", href);
    }

    /** A table cell with text. */
    Html td(String text, String... attributes) {
        return el("td", text, attributes);
    }

    Html th(String text) {
        return el("th", text);
    }

    /** A row of header cells. */
    Html headerRow(String... names) {
        open("tr");
        for (String n : names) {
            th(n);
        }
        return close("tr");
    }

    /** Markup written by the pages themselves (never data). */
    Html markup(String constant) {
        out.append(constant);
        return this;
    }

    /** A hidden form field. */
    Html hidden(String name, String value) {
        return open("input", "type", "hidden", "name", name, "value", value);
    }

    /** A POST form with its CSRF token and one submit button. */
    Html postButton(String action, String csrf, String label, String cssClass) {
        open("form", "method", "post", "action", action, "class", "inline");
        hidden("csrf", csrf);
        el("button", label, "type", "submit", "class", cssClass);
        return close("form");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
