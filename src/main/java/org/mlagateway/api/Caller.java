package org.mlagateway.api;

import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.mlagateway.config.ApiRole;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** An authenticated API client and its roles; it is the request's security principal. */
record Caller(String name, List<ApiRole> roles) implements java.security.Principal {
    Caller {
        roles = List.copyOf(roles);
    }

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

    /** Whether the caller holds the role; {@code admin} holds every role. */
    boolean has(ApiRole role) {
        return roles.contains(role) || roles.contains(ApiRole.ADMIN);
    }

    /** {@link #has} for a role named in its text form (JAX-RS asks so); an unknown name is not held. */
    boolean has(String role) {
        return roles.contains(ApiRole.ADMIN)
                || roles.stream().anyMatch(r -> r.text().equals(role));
    }

    /** Whether this caller sees person fields masked ({@link ApiRole#masksPersonFields}): an auditor does. */
    boolean masksPersonFields() {
        return ApiRole.masksPersonFields(roles);
    }

    /** Whether the caller's reads of person fields are message-log entries: an operator's and an auditor's are. */
    boolean readsAreLogged() {
        return has(ApiRole.OPERATOR) || roles.contains(ApiRole.AUDITOR);
    }

    /** The domestic body this client works for, or null. */
    String body() {
        for (ApiRole role : roles) {
            if (role instanceof ApiRole.DomesticSystem domestic) {
                return domestic.body();
            }
        }
        return null;
    }

    void require(boolean allowed, String action) {
        if (!allowed) {
            throw new GatewayException(ErrorCode.FORBIDDEN, "client " + name + " may not " + action);
        }
    }
}
