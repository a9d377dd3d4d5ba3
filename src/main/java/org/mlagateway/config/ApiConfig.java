package org.mlagateway.config;

import java.util.List;

/** Clients of the internal API. */
public record ApiConfig(List<ApiClientConfig> clients) {
    public ApiConfig {
        clients = List.copyOf(clients);
    }
}
