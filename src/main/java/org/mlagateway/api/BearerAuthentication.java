package org.mlagateway.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Bearer-token authentication. Clients are configured with the SHA-256 of their token only; the
 * presented token is hashed and compared in constant time. A missing or unknown token is 401;
 * what a known client may do is decided by its roles (403). Only the OpenAPI document is public.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthentication implements ContainerRequestFilter {
    private final List<ApiClientConfig> clients;

    BearerAuthentication(List<ApiClientConfig> clients) {
        this.clients = List.copyOf(clients);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().endsWith("openapi.json")) {
            return;
        }
        String header = request.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new GatewayException(ErrorCode.UNAUTHENTICATED, "no bearer token");
        }
        for (ApiClientConfig client : clients) {
            if (BearerTokens.presents(header, client)) {
                Caller caller = new Caller(client.name(), client.roles());
                boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
                request.setSecurityContext(new SecurityContext() {
                    @Override
                    public Principal getUserPrincipal() {
                        return caller;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        return caller.has(role);
                    }

                    @Override
                    public boolean isSecure() {
                        return secure;
                    }

                    @Override
                    public String getAuthenticationScheme() {
                        return "Bearer";
                    }
                });
                return;
            }
        }
        throw new GatewayException(ErrorCode.UNAUTHENTICATED, "unknown bearer token");
    }
}
