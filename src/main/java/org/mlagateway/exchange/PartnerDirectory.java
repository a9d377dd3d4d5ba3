package org.mlagateway.exchange;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mlagateway.config.As4Config;
import org.mlagateway.config.PartnerConfig;

/**
 * The partners this gateway exchanges with, by partner id: which authority ids each one answers
 * for, and its current {@link PartnerEndpoint} (address, encryption certificate, TLS client).
 * Built from {@code partners} at start. An endpoint may be re-pointed while the gateway runs: the
 * demo and the tests bind free ports and learn each other's address only after both have
 * started. The sender looks the endpoint up for every delivery, so a change applies from the next
 * one. Thread-safe.
 */
public final class PartnerDirectory {
    /** Makes the endpoint of one partner at one address. */
    @FunctionalInterface
    public interface Connector {
        PartnerEndpoint connect(String partnerId, URI endpoint);
    }

    private final Connector connector;
    private final Map<String, String> partnerByAuthority;
    private final Map<String, PartnerEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, As4Config> as4 = new HashMap<>();

    public PartnerDirectory(List<PartnerConfig> partners, Connector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
        Map<String, String> byAuthority = new HashMap<>();
        for (PartnerConfig p : partners) {
            endpoints.put(p.id(), connector.connect(p.id(), p.deliveryEndpoint()));
            if (p.speaksAs4()) {
                as4.put(p.id(), p.as4());
            }
            p.authorityIds().forEach(a -> byAuthority.put(a, p.id()));
        }
        this.partnerByAuthority = Map.copyOf(byAuthority);
    }

    /** Where deliveries to {@code partnerId} go now; empty for a partner that is not configured. */
    public Optional<PartnerEndpoint> endpoint(String partnerId) {
        return Optional.ofNullable(endpoints.get(partnerId));
    }

    /** How we speak AS4 to {@code partnerId}; empty when it speaks our own SOAP profile. */
    public Optional<As4Config> as4(String partnerId) {
        return Optional.ofNullable(as4.get(partnerId));
    }

    /** The partner that authority {@code authorityId} belongs to; empty when none is configured. */
    public Optional<String> partnerOfAuthority(String authorityId) {
        return Optional.ofNullable(partnerByAuthority.get(authorityId));
    }

    /**
     * Sends the next deliveries to {@code partnerId} to {@code uri}, through a newly connected endpoint.
     *
     * @throws IllegalArgumentException for a partner that is not configured
     */
    public void repoint(String partnerId, URI uri) {
        Objects.requireNonNull(uri, "uri");
        endpoints.compute(partnerId, (id, current) -> {
            if (current == null) {
                throw new IllegalArgumentException("unknown partner " + partnerId);
            }
            return connector.connect(id, uri);
        });
    }
}
