package org.mlagateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.alerts.DeadlineAlerts;
import org.mlagateway.api.ApiHeaderGate;
import org.mlagateway.api.InternalApi;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.ListenerConfig;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.exchange.As4Inbound;
import org.mlagateway.exchange.As4Outbound;
import org.mlagateway.exchange.ExchangeListener;
import org.mlagateway.exchange.InboundExchange;
import org.mlagateway.exchange.OutboundSender;
import org.mlagateway.exchange.OutboundSubmissions;
import org.mlagateway.exchange.PartnerDirectory;
import org.mlagateway.exchange.PartnerEndpoint;
import org.mlagateway.exchange.ReceiptRecovery;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.observability.Certificates;
import org.mlagateway.observability.GatewayMetrics;
import org.mlagateway.observability.Health;
import org.mlagateway.observability.HealthEndpoint;
import org.mlagateway.observability.MetricsEndpoint;
import org.mlagateway.pages.OperatorPages;
import org.mlagateway.register.Register;
import org.mlagateway.register.RegisterWorker;
import org.mlagateway.routing.Router;
import org.mlagateway.routing.Translations;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.As4Sealer;
import org.mlagateway.security.As4Signals;
import org.mlagateway.security.As4Verifier;
import org.mlagateway.security.EnvelopeSealer;
import org.mlagateway.security.InboundVerifier;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.security.ReceiptIssuer;
import org.mlagateway.security.ReceiptVerifier;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.statistics.Statistics;
import org.mlagateway.store.Checkpointing;
import org.mlagateway.store.Store;

/**
 * One gateway, assembled from its configuration in reading order: key material, the message
 * codec, the store, the security profile, the inbound path behind the external listener, and the
 * outbound sender. This is the only place where the parts are wired together.
 */
public final class Gateway implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Gateway.class);
    private final GatewayConfig config;
    private final Store store;
    private final MessageCodec codec;
    private final ExchangeListener listener;
    private final OutboundSender sender;
    private final OutboundSubmissions submissions;
    private final PartnerDirectory partners;
    private final KeyMaterial keys;
    private final Router router;
    private final Translations translations;
    private final InternalApi api;
    private final Evidence evidence;
    private final List<AutoCloseable> operations; // health and metrics, closed after the listeners
    private final URI opsUrl;
    private final InternalAccess access;
    private final ReceiptRecovery recovery;
    private final Register register;

    private Gateway(
            GatewayConfig config,
            Store store,
            MessageCodec codec,
            ExchangeListener listener,
            OutboundSender sender,
            OutboundSubmissions submissions,
            PartnerDirectory partners,
            KeyMaterial keys,
            Router router,
            Translations translations,
            InternalApi api,
            List<AutoCloseable> operations,
            Evidence evidence,
            URI opsUrl,
            InternalAccess access,
            ReceiptRecovery recovery,
            Register register) {
        this.recovery = recovery;
        this.register = register;
        this.api = api;
        this.access = access;
        this.operations = operations;
        this.evidence = evidence;
        this.opsUrl = opsUrl;
        this.router = router;
        this.translations = translations;
        this.config = config;
        this.store = store;
        this.codec = codec;
        this.listener = listener;
        this.sender = sender;
        this.submissions = submissions;
        this.partners = partners;
        this.keys = keys;
    }

    /** Why a gateway did not start, in one line an operator can act on (its cause kept for --debug). */
    public static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Starts a listener; a port that cannot be bound is a {@link StartFailure} naming the listener. */
    private static <T> T listening(String name, ListenerConfig at, java.util.function.Supplier<T> start) {
        try {
            return start.get();
        } catch (Exception e) { // Netty rethrows the socket's checked BindException undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException) {
                    throw new StartFailure(
                            "the " + name + " listener cannot listen on " + at.host() + ":" + at.port() + ": "
                                    + t.getMessage() + " (another process uses the port, or the address is not"
                                    + " this machine's)",
                            e);
                }
            }
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new StartFailure("the " + name + " listener did not start: " + e, e);
        }
    }

    public static Gateway start(GatewayConfig config, Clock clock) {
        KeyMaterial keys = KeyMaterial.load(config, clock);
        try {
            return start(config, clock, keys);
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    private static Gateway start(GatewayConfig config, Clock clock, KeyMaterial keys) {
        // One source for every parser's limits: the configured limits (LimitsConfig holds the defaults).
        MessageCodec codec = MessageCodec.create(new MessageCodec.Limits(
                config.limits().maxEnvelopeBytes(),
                config.limits().maxXmlDepth(),
                config.limits().maxDocuments()));
        Checkpointing checkpointing = LogCheckpointing.of(
                config.log(), config.storage().dataDir(), new KeyStoreChainSigner(keys.signingKeys()));
        if (config.storage().jdbcUrl() != null && config.storage().jdbcUrl().startsWith("jdbc:postgresql:")) {
            // Nodes may share this database: one of them at a time writes the checkpoints.
            checkpointing = checkpointing.onNode(config.nodeId());
        }
        Store store = Store.open(
                config.storage(),
                clock,
                checkpointing,
                AtRest.sealing(config.storage(), clock, keys.tokens()),
                Store.Access.SERVE);
        Router router = new Router(config, clock);
        // What has started so far, closed in reverse if a later part cannot start (e.g. a port in use).
        Deque<AutoCloseable> started = new ArrayDeque<>(List.of(store));
        try {
            // What an accept left in the document file store when it did not commit (a crash, a rejection).
            int swept = store.sweepDocumentFiles();
            if (swept > 0) {
                LOG.info("removed {} document files that no accepted message names", swept);
            }
            // Messages stored before the operator search existed get their search rows (once; normally none).
            store.backfillSearch(xml -> codec.summarize(codec.read(xml)));
            EnvelopeSealer sealer = new EnvelopeSealer(
                    keys.signingKeys(),
                    AlgorithmPolicy.PROFILE,
                    clock,
                    config.limits().maxXmlDepth());
            InboundVerifier verifier = new InboundVerifier(
                    config.authority().id(),
                    keys.decryptionKeys(),
                    keys.partnerTrust(),
                    AlgorithmPolicy.PROFILE,
                    clock,
                    config.limits().clockSkew(),
                    config.limits().maxXmlDepth());
            Certificates certificates = Certificates.of(config, keys);
            String node = config.nodeId();
            GatewayMetrics metrics = new GatewayMetrics(store, certificates, clock, node);
            started.push(metrics);
            ReceiptIssuer receiptIssuer = new ReceiptIssuer(sealer);
            InboundExchange inbound = new InboundExchange(
                    verifier,
                    keys.tlsClients(),
                    codec,
                    store,
                    receiptIssuer,
                    router::route,
                    config.limits().clockSkew(),
                    clock,
                    metrics,
                    config.limits().maxDocumentBytes());
            // The AS4 binding (docs/as4.md) shares the listener, the store, routing and the limits.
            As4Sealer as4Sealer = new As4Sealer(
                    keys.signingKeys(),
                    clock,
                    config.limits().maxXmlDepth(),
                    config.limits().maxEnvelopeBytes());
            As4Verifier as4Verifier = new As4Verifier(
                    keys.decryptionKeys(),
                    keys.partnerTrust(),
                    clock,
                    config.limits().maxXmlDepth(),
                    config.limits().maxEnvelopeBytes());
            As4Signals as4Signals = new As4Signals(as4Sealer, as4Verifier, clock);
            As4Inbound as4 = new As4Inbound(
                    config.authority().id(),
                    config.partners(),
                    as4Verifier,
                    as4Signals,
                    keys.partnerTrust(),
                    keys.tlsClients(),
                    codec,
                    store,
                    router::route,
                    config.limits().maxEnvelopeBytes(),
                    config.limits().maxDocumentBytes(),
                    config.limits().maxDocuments(),
                    clock,
                    metrics);
            ExchangeListener listener = listening(
                    "external",
                    config.listeners().external(),
                    () -> ExchangeListener.start(
                            config.listeners().external(),
                            keys.tls(),
                            keys.allTlsAnchors(),
                            keys.tlsClients().anyRequired(),
                            Math.toIntExact(config.limits().maxEnvelopeBytes()),
                            config.limits().maxDocumentBytes(),
                            config.limits().maxMessageBytes(),
                            4 * Runtime.getRuntime().availableProcessors(),
                            inbound,
                            as4.hasPartners() ? as4 : null,
                            store));
            started.push(listener);
            PartnerDirectory partners = new PartnerDirectory(
                    config.partners(), (partnerId, uri) -> endpoint(partnerId, uri, keys, config.sending()));
            ReceiptVerifier receipts = new ReceiptVerifier(
                    keys.partnerTrust(),
                    AlgorithmPolicy.PROFILE,
                    clock,
                    config.limits().clockSkew(),
                    config.limits().maxXmlDepth());
            // Lease owners differ between nodes and stay the same across a node's restarts, so that a node
            // coming back takes over at once what its previous life held (docs/cluster.md).
            OutboundSender sender = new OutboundSender(
                    store,
                    sealer,
                    receipts,
                    partners,
                    config.sending(),
                    clock,
                    node,
                    metrics,
                    config.limits().maxXmlDepth(),
                    new As4Outbound(config.authority().id(), as4Sealer, as4Signals, clock));
            started.push(sender);
            Translations translations = new Translations(store, codec, config);
            OutboundSubmissions submissions =
                    new OutboundSubmissions(codec, store, config.authority().id(), partners, router::outbound);
            // One front door for the API's tokens and the operator logins: they guess at the same secrets.
            InternalAccess access = InternalAccess.start(store, clock);
            started.push(access);
            // The register of citizens abroad (docs/register.md), fed from stored messages off the commit path.
            Register register = new Register(store, codec, config.authority().country());
            // Deadline alerts (docs/operations.md#deadline-alerts): the overdue gauge and the notifications.
            DeadlineAlerts alerts = new DeadlineAlerts(store, config.alerts(), clock);
            alerts.bindTo(metrics.registry());
            started.push(alerts);
            RegisterWorker registerWorker = new RegisterWorker(register, RegisterWorker.EVERY);
            started.push(registerWorker);
            // No body is read on the internal listener before the API's bearer token is checked.
            InternalApi api = listening(
                    "internal",
                    config.listeners().internal(),
                    () -> InternalApi.start(
                            config.listeners().internal(),
                            config.api(),
                            config.limits().maxApiBodyBytes(),
                            new InternalApi.Documents(
                                    store.documentFiles().spoolDirectory(),
                                    config.limits().maxDocumentBytes(),
                                    config.limits().maxMessageBytes()),
                            store,
                            submissions,
                            translations,
                            codec,
                            config.api().lease(),
                            access,
                            new ApiHeaderGate(config.api().clients(), access),
                            register));
            started.push(api);
            Health health = new Health(
                    store, certificates, keys::keyProblems, clock, config.log().maxUnstampedAge());
            started.push(health);
            api.serveOpen("/health", new HealthEndpoint(health));
            api.serveOpen("/metrics", new MetricsEndpoint(metrics));
            Evidence evidence = Evidence.of(config, keys, store);
            OperatorPages pages = OperatorPages.create(
                    store,
                    config.api().clients(),
                    config.partners().stream().map(PartnerConfig::id).toList(),
                    evidence,
                    new Statistics(store, clock, config.limits().maxXmlDepth()),
                    certificates,
                    clock,
                    access,
                    config.ops(),
                    new OperatorPages.Extra(codec, register, alerts));
            URI opsUrl = api.mount(OperatorPages.PATH, pages.resources(), pages.providers());
            // Only now, with every listener bound and the store open, does anything claim work: a node
            // that cannot start leaves nothing leased behind it.
            sender.start();
            ReceiptRecovery recovery = new ReceiptRecovery(store, receiptIssuer, clock, ReceiptRecovery.AGE);
            started.push(recovery);
            recovery.start();
            registerWorker.start();
            alerts.start();
            return new Gateway(
                    config,
                    store,
                    codec,
                    listener,
                    sender,
                    submissions,
                    partners,
                    keys,
                    router,
                    translations,
                    api,
                    List.of(alerts, registerWorker, recovery, health, metrics, access),
                    evidence,
                    opsUrl,
                    access,
                    recovery,
                    register);
        } catch (RuntimeException e) {
            for (AutoCloseable part : started) {
                try {
                    part.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static PartnerEndpoint endpoint(String partnerId, URI uri, KeyMaterial keys, SendingConfig sending) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(sending.attemptTimeout())
                .sslContext(
                        TlsContexts.client(keys.tls(), keys.partnerTlsAnchors().get(partnerId)))
                .sslParameters(TlsContexts.clientParameters())
                .build();
        KeyMaterial.NextCertificate next = keys.partnerNextEncryption().get(partnerId);
        return new PartnerEndpoint(
                partnerId,
                uri,
                keys.partnerEncryption().get(partnerId),
                client,
                next == null ? null : next.certificate(),
                next == null ? null : next.from());
    }

    /**
     * Points deliveries for one partner at another URL. The demo and the tests bind free ports, so
     * they learn each other's address only after both have started.
     */
    public void useEndpoint(String partnerId, URI uri) {
        partners.repoint(partnerId, uri);
    }

    public URI apiUrl() {
        return api.url();
    }

    /** The operator pages on the internal listener. */
    public URI opsUrl() {
        return opsUrl;
    }

    public URI exchangeUrl() {
        return listener.url();
    }

    public Store store() {
        return store;
    }

    public MessageCodec codec() {
        return codec;
    }

    public OutboundSubmissions submissions() {
        return submissions;
    }

    public OutboundSender sender() {
        return sender;
    }

    public Router router() {
        return router;
    }

    public Translations translations() {
        return translations;
    }

    /** Verification and export of one stored message's evidence (operator pages, {@code log export}). */
    public Evidence evidence() {
        return evidence;
    }

    /** The sweep that issues and stores the receipts a node stopped before storing. */
    public ReceiptRecovery receiptRecovery() {
        return recovery;
    }

    /** The register of citizens prosecuted or serving sentences abroad (docs/register.md). */
    public Register register() {
        return register;
    }

    /** The internal listener's throttling of failed credentials and its counted denial log. */
    public InternalAccess access() {
        return access;
    }

    public GatewayConfig config() {
        return config;
    }

    @Override
    public void close() {
        // Every part is closed even if one fails, the store last but for the keys (tokens' providers).
        RuntimeException failure = null;
        List<AutoCloseable> parts = new ArrayList<>(List.of(sender, api, listener));
        parts.addAll(operations);
        parts.add(store);
        parts.add(keys);
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException(
                            "closing " + part.getClass().getSimpleName() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
