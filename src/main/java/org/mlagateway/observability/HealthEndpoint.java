package org.mlagateway.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /health} on the internal listener: 200 with the report when ready, 503 when not. No
 * token: load balancers and orchestrators probe it without one, and it reveals no personal data.
 */
@Path("/")
public final class HealthEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Health health;

    public HealthEndpoint(Health health) {
        this.health = health;
    }

    @GET
    public Response get() throws JsonProcessingException {
        Health.Report report = health.check();
        return Response.status(report.ready() ? 200 : 503)
                .type("application/json")
                .header("Cache-Control", "no-store")
                .entity(JSON.writeValueAsString(report.body()))
                .build();
    }
}
