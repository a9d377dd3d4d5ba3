package org.mlagateway.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import com.fasterxml.jackson.module.jakarta.xmlbind.JakartaXmlBindAnnotationModule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.config.ApiConfig;
import org.mlagateway.config.ListenerConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.exchange.OutboundSubmissions;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.register.Register;
import org.mlagateway.routing.Translations;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.QueueStore;
import org.mlagateway.transport.CloseOnceInterceptor;
import org.mlagateway.transport.HeaderGate;
import org.mlagateway.transport.ListenerEngine;
import org.mlagateway.transport.ListenerEngineFactory;
import org.mlagateway.transport.ListenerPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal REST API for domestic prosecution systems, translators and operators, under
 * {@code /api/v1} on the internal listener (loopback by default, its own CXF bus and Netty engine,
 * never the external port). Every call but the OpenAPI document needs a bearer token; failed
 * tokens are throttled and denied calls counted through the listener's {@link InternalAccess}.
 */
public final class InternalApi implements AutoCloseable {
    public static final String BASE = "/api/v1";
    /** Every JAX-RS resource of the API; the tests walk their routes. */
    static final List<Class<?>> RESOURCES =
            List.of(MessagesResource.class, QueuesResource.class, RegisterResource.class, OpenApiResource.class);

    private static final Logger LOG = LoggerFactory.getLogger(InternalApi.class);

    private final Bus bus;
    private final Server server;
    private final ListenerEngine engine;
    private final String host;
    private final List<Server> open = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * How submissions with documents as parts are taken: spooled to {@code spool} (the document
     * store's), each document up to {@code maxDocumentBytes}, the body up to {@code maxMessageBytes}.
     */
    public record Documents(java.nio.file.Path spool, long maxDocumentBytes, long maxMessageBytes) {}

    private InternalApi(Bus bus, Server server, ListenerEngine engine, String host) {
        this.bus = bus;
        this.server = server;
        this.engine = engine;
        this.host = host;
    }

    /**
     * Binds the listener and publishes the API; {@code register} serves {@code /register}. {@code gate}
     * sees every request's headers before its body is read ({@link ApiHeaderGate}); the listener's limits are
     * its own, apart from the external listener's, so that a flood there never takes down this one.
     */
    public static <S extends MessageReads & MessageLog & QueueStore> InternalApi start(
            ListenerConfig listener,
            ApiConfig api,
            int maxBodyBytes,
            Documents documents,
            S store,
            OutboundSubmissions submissions,
            Translations translations,
            MessageCodec codec,
            Duration lease,
            InternalAccess access,
            HeaderGate gate,
            Register register) {
        ListenerPolicy policy = new ListenerPolicy(
                "internal",
                listener.limits(),
                gate,
                (request, remote) -> ListenerProblems.problem(
                        ErrorCode.MESSAGE_TOO_LARGE, "the body exceeds " + maxBodyBytes + " bytes"),
                (request, remote) -> ListenerProblems.problem(
                        ErrorCode.TEMPORARILY_UNAVAILABLE, "the listener is busy; retry later"));
        ListenerEngine engine = new ListenerEngine(
                listener.host(),
                listener.port(),
                null,
                maxBodyBytes,
                false,
                Math.max(4, Runtime.getRuntime().availableProcessors()),
                policy);
        Bus bus = ListenerEngineFactory.busFor(engine);
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new JakartaXmlBindAnnotationModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress("http://" + listener.host() + ":" + listener.port() + BASE);
        factory.setResourceClasses(RESOURCES);
        ApiClients clients = new ApiClients(api.clients());
        Visibility visibility = new Visibility(store, clients);
        engine.stream(
                new StreamedSubmissions(
                        clients,
                        access,
                        visibility,
                        submissions,
                        store,
                        json,
                        documents.spool(),
                        maxBodyBytes,
                        documents.maxDocumentBytes(),
                        documents.maxMessageBytes()),
                2);
        factory.setResourceProvider(
                MessagesResource.class,
                new SingletonResourceProvider(new MessagesResource(store, submissions, codec, json, visibility)));
        factory.setResourceProvider(
                QueuesResource.class, new SingletonResourceProvider(new QueuesResource(store, translations, lease)));
        factory.setResourceProvider(
                RegisterResource.class, new SingletonResourceProvider(new RegisterResource(register, json)));
        factory.setResourceProvider(OpenApiResource.class, new SingletonResourceProvider(new OpenApiResource()));
        factory.setProviders(List.of(
                new JacksonJsonProvider(json), new BearerAuthentication(clients, access), new Problems(access)));
        factory.getInInterceptors().add(new CloseOnceInterceptor());
        Server server = factory.create();
        LOG.info("internal API on http://{}:{}{}", listener.host(), engine.boundPort(), BASE);
        return new InternalApi(bus, server, engine, listener.host());
    }

    /**
     * Serves a JAX-RS resource at {@code path} (e.g. {@code /health}) on this listener, outside
     * {@code /api/v1} and without its bearer authentication: for endpoints that probes and scrapers
     * read without a token, and that must therefore reveal nothing personal.
     */
    public void serveOpen(String path, Object resource) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress("http://" + host + ":" + engine.boundPort() + path);
        factory.setServiceBean(resource);
        factory.getInInterceptors().add(new CloseOnceInterceptor());
        open.add(factory.create());
    }

    public URI url() {
        return URI.create("http://" + host + ":" + engine.boundPort() + BASE);
    }

    /**
     * Publishes JAX-RS resources on this listener under {@code path} (e.g. the operator pages) with
     * their own providers, which must authenticate: none of the API's bearer authentication or
     * problem mapping applies.
     */
    public URI mount(String path, List<Object> resources, List<Object> providers) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress("http://" + host + ":" + engine.boundPort() + path);
        factory.setServiceBeans(List.copyOf(resources));
        factory.setProviders(List.copyOf(providers));
        factory.getInInterceptors().add(new CloseOnceInterceptor());
        open.add(factory.create());
        URI url = URI.create("http://" + host + ":" + engine.boundPort() + path);
        LOG.info("{} on {}", path, url);
        return url;
    }

    @Override
    public void close() {
        open.forEach(Server::destroy);
        server.destroy();
        bus.shutdown(true);
    }
}
