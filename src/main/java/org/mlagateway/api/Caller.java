package org.mlagateway.api;

import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** An authenticated API client and its roles; it is the request's security principal. */
record Caller(String name, List<String> roles) implements java.security.Principal {
    static final String DOMESTIC = "domestic-system:";

    @Override
    public String getName() {
        return name;
    }

    /**
     * The authenticated caller of a request. Fails closed: a request that reached a resource
     * without one (whatever let it through) is 401, never served and never a 500.
     */
    static Caller of(SecurityContext request) {
        if (request != null && request.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new GatewayException(ErrorCode.UNAUTHENTICATED, "no authenticated caller");
    }

    boolean has(String role) {
        return roles.contains(role) || roles.contains("admin");
    }

    /** The domestic body this client works for, or null. */
    String body() {
        return roles.stream().filter(r -> r.startsWith(DOMESTIC)).map(r -> r.substring(DOMESTIC.length()))
                .findFirst().orElse(null);
    }

    void require(boolean allowed, String action) {
        if (!allowed) {
            throw new GatewayException(ErrorCode.FORBIDDEN, "client " + name + " may not " + action);
        }
    }
}
