package org.mlagateway.api;

import java.util.List;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** An authenticated API client and its roles; it is the request's security principal. */
record Caller(String name, List<String> roles) implements java.security.Principal {
    @Override
    public String getName() {
        return name;
    }

    static final String DOMESTIC = "domestic-system:";

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
