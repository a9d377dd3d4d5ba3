package org.mlagateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of one gateway, read from {@code gateway.yaml} by {@link ConfigLoader}.
 * Every nested record validates its own values; relative paths are already resolved against the
 * directory of the YAML file.
 */
public record GatewayConfig(
        AuthorityConfig authority,
        KeysConfig keys,
        ListenersConfig listeners,
        @OptionalKey StorageConfig storage,
        List<PartnerConfig> partners,
        RoutingConfig routing,
        @OptionalKey LimitsConfig limits,
        @OptionalKey SendingConfig sending,
        @OptionalKey MessageLogConfig log,
        @OptionalKey ApiConfig api,
        @OptionalKey ClusterConfig cluster,
        @OptionalKey OpsConfig ops,
        @OptionalKey AlertsConfig alerts) {

    public GatewayConfig {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(routing, "routing");
        storage = storage != null ? storage : new StorageConfig(null, null, null, null, null);
        partners = List.copyOf(partners);
        limits = limits != null ? limits : LimitsConfig.defaults();
        sending = sending != null ? sending : SendingConfig.defaults();
        log = log != null ? log : MessageLogConfig.defaults();
        api = api != null ? api : new ApiConfig(List.of(), null);
        cluster = cluster != null ? cluster : new ClusterConfig(null);
        ops = ops != null ? ops : OpsConfig.defaults();
        alerts = alerts != null ? alerts : AlertsConfig.defaults();
    }

    /** A configuration without deadline alerts' channels. */
    public GatewayConfig(
            AuthorityConfig authority,
            KeysConfig keys,
            ListenersConfig listeners,
            StorageConfig storage,
            List<PartnerConfig> partners,
            RoutingConfig routing,
            LimitsConfig limits,
            SendingConfig sending,
            MessageLogConfig log,
            ApiConfig api,
            ClusterConfig cluster,
            OpsConfig ops) {
        this(authority, keys, listeners, storage, partners, routing, limits, sending, log, api, cluster, ops, null);
    }

    /** A configuration with the operator pages' defaults. */
    public GatewayConfig(
            AuthorityConfig authority,
            KeysConfig keys,
            ListenersConfig listeners,
            StorageConfig storage,
            List<PartnerConfig> partners,
            RoutingConfig routing,
            LimitsConfig limits,
            SendingConfig sending,
            MessageLogConfig log,
            ApiConfig api,
            ClusterConfig cluster) {
        this(authority, keys, listeners, storage, partners, routing, limits, sending, log, api, cluster, null);
    }

    /** A configuration whose node id is the default one. */
    public GatewayConfig(
            AuthorityConfig authority,
            KeysConfig keys,
            ListenersConfig listeners,
            StorageConfig storage,
            List<PartnerConfig> partners,
            RoutingConfig routing,
            LimitsConfig limits,
            SendingConfig sending,
            MessageLogConfig log,
            ApiConfig api) {
        this(authority, keys, listeners, storage, partners, routing, limits, sending, log, api, null);
    }

    /** This node's id among the nodes sharing the database ({@link ClusterConfig}). */
    public String nodeId() {
        return cluster.nodeId(storage.dataDir());
    }

    /** The same configuration with another node id. */
    public GatewayConfig withNodeId(String nodeId) {
        return new GatewayConfig(
                authority,
                keys,
                listeners,
                storage,
                partners,
                routing,
                limits,
                sending,
                log,
                api,
                new ClusterConfig(nodeId),
                ops,
                alerts);
    }

    /** The partner whose authority ids include {@code authorityId}, if configured. */
    public Optional<PartnerConfig> partnerByAuthority(String authorityId) {
        return partners.stream()
                .filter(p -> p.authorityIds().contains(authorityId))
                .findFirst();
    }

    /**
     * The same configuration with both listeners on free loopback ports and the embedded store in
     * {@code dataDir}: how the demo and the tests run several gateways side by side.
     */
    public GatewayConfig onFreePorts(Path dataDir) {
        ListenersConfig free = new ListenersConfig(
                new ListenerConfig(
                        ListenerConfig.DEFAULT_HOST, 0, listeners.external().limits()),
                new ListenerConfig(
                        ListenerConfig.DEFAULT_HOST, 0, listeners.internal().limits()));
        StorageConfig local = storage.embeddedIn(dataDir);
        return new GatewayConfig(
                authority, keys, free, local, partners, routing, limits, sending, log, api, cluster, ops, alerts);
    }

    /** The same configuration with another API lease, e.g. a short one for lease-expiry tests. */
    public GatewayConfig withApiLease(Duration lease) {
        return new GatewayConfig(
                authority,
                keys,
                listeners,
                storage,
                partners,
                routing,
                limits,
                sending,
                log,
                new ApiConfig(api.clients(), lease),
                cluster,
                ops,
                alerts);
    }

    /** The same configuration with other listeners (e.g. smaller limits for a flood test). */
    public GatewayConfig withListeners(ListenersConfig other) {
        return new GatewayConfig(
                authority, keys, other, storage, partners, routing, limits, sending, log, api, cluster, ops, alerts);
    }

    /** The same configuration with another message-log configuration (checkpoints, TSAs, anchors). */
    public GatewayConfig withLog(MessageLogConfig other) {
        return new GatewayConfig(
                authority, keys, listeners, storage, partners, routing, limits, sending, other, api, cluster, ops,
                alerts);
    }

    /** The same configuration with other partners (the demo makes one of them speak AS4). */
    public GatewayConfig withPartners(List<PartnerConfig> other) {
        return new GatewayConfig(
                authority, keys, listeners, storage, other, routing, limits, sending, log, api, cluster, ops);
    }

    /** The same configuration with another store. */
    public GatewayConfig withStorage(StorageConfig other) {
        return new GatewayConfig(
                authority, keys, listeners, other, partners, routing, limits, sending, log, api, cluster, ops, alerts);
    }

    /** The same configuration with another retry schedule. */
    public GatewayConfig withSending(SendingConfig other) {
        return new GatewayConfig(
                authority, keys, listeners, storage, partners, routing, limits, other, log, api, cluster, ops, alerts);
    }

    /** The same configuration with other deadline alerts. */
    public GatewayConfig withAlerts(AlertsConfig other) {
        return new GatewayConfig(
                authority, keys, listeners, storage, partners, routing, limits, sending, log, api, cluster, ops, other);
    }

    /** Where the gateway keeps its embedded database and spool files. */
    public Path dataDir() {
        return storage.dataDir();
    }
}
