package org.mlagateway.pages;

import java.security.Principal;
import java.time.Instant;

/**
 * A signed-in operator: the API client's name (the actor of every action it takes), its CSRF token
 * for POST forms, and when the session ends. The session id itself is kept only by {@link Sessions}.
 */
record OperatorSession(String name, String csrf, Instant created, Instant expires) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
