package org.mlagateway.observability;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics} on the internal listener, in the Prometheus text format. No token, as
 * Prometheus scrapes by default; it carries counts, codes, partner ids and timings only.
 */
@Path("/")
public final class MetricsEndpoint {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final GatewayMetrics metrics;

    public MetricsEndpoint(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response get() {
        return Response.ok(metrics.scrape())
                .type(CONTENT_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }
}
