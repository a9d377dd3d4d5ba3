package org.mlagateway.pages;

import jakarta.ws.rs.core.UriInfo;

/**
 * The pages' cookies: HttpOnly (no script reads them), SameSite=Strict (no other site's page can
 * make the browser send them, which with the CSRF token guards every POST), scoped to the pages'
 * path, Secure when the listener speaks TLS, and without an expiry (gone when the browser closes).
 */
final class Cookies {
    static final String SESSION = "mla_ops_session";
    static final String LOGIN = "mla_ops_login";

    private Cookies() {}

    static String set(String name, String value, UriInfo uri) {
        return name + "=" + value + "; Path=" + OperatorPages.PATH + "; HttpOnly; SameSite=Strict"
                + (secure(uri) ? "; Secure" : "");
    }

    static String clear(String name, UriInfo uri) {
        return name + "=; Path=" + OperatorPages.PATH + "; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure(uri) ? "; Secure" : "");
    }

    private static boolean secure(UriInfo uri) {
        return uri != null && "https".equalsIgnoreCase(uri.getBaseUri().getScheme());
    }
}
