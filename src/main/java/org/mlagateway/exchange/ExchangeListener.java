package org.mlagateway.exchange;

import io.netty.handler.codec.http.FullHttpResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.mlagateway.config.LimitsConfig;
import org.mlagateway.config.ListenerConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.store.InboxStore;
import org.mlagateway.store.Rejection;
import org.mlagateway.transport.CloseOnceInterceptor;
import org.mlagateway.transport.HeaderGate;
import org.mlagateway.transport.ListenerEngine;
import org.mlagateway.transport.ListenerEngineFactory;
import org.mlagateway.transport.ListenerPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external listener: HTTPS on CXF's Netty transport, serving exactly {@code /exchange/v1}
 * (the {@code Deliver} operation, its WSDL and schemas) and answering 404 to anything else. The
 * request body is limited to the configured envelope size; a larger request gets a
 * {@code MessageTooLarge} fault without its body being read when it declares its length, and is
 * logged as a rejection. The listener has its own CXF bus, which nothing internal is published on,
 * and admits connections and requests within {@code listeners.external.limits}: beyond them a
 * request gets a {@code TemporarilyUnavailable} fault (HTTP 503, {@code Retry-After}) before its
 * body is read.
 */
public final class ExchangeListener implements AutoCloseable {
    public static final String PATH = "/exchange/v1";
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeListener.class);

    private final Bus bus;
    private final Server server;
    private final Server as4Server;
    private final ListenerEngine engine;
    private final String host;

    private ExchangeListener(Bus bus, Server server, Server as4Server, ListenerEngine engine, String host) {
        this.bus = bus;
        this.server = server;
        this.as4Server = as4Server;
        this.engine = engine;
        this.host = host;
    }

    /** Binds the listener and publishes the endpoint, with the default limits of attachment parts. */
    public static ExchangeListener start(
            ListenerConfig listener,
            IssuedKey tlsKey,
            List<X509Certificate> clientAnchors,
            boolean requestClientCertificates,
            int maxEnvelopeBytes,
            int threads,
            InboundExchange inbound,
            InboxStore store) {
        return start(
                listener,
                tlsKey,
                clientAnchors,
                requestClientCertificates,
                maxEnvelopeBytes,
                LimitsConfig.DEFAULT_MAX_DOCUMENT_BYTES,
                Math.max(maxEnvelopeBytes, LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES),
                threads,
                inbound,
                null,
                store);
    }

    /**
     * Binds the listener and publishes the endpoint. A {@code multipart/related} delivery (documents
     * as attachment parts) is streamed, within {@code maxDocumentBytes} per document and
     * {@code maxMessageBytes} in all; any other request is limited to {@code maxEnvelopeBytes}. With
     * {@code as4} (null for none) the AS4 binding at {@link As4Inbound#PATH} on the same listener, for
     * the partners whose protocol is AS4 (docs/as4.md#endpoint).
     */
    public static ExchangeListener start(
            ListenerConfig listener,
            IssuedKey tlsKey,
            List<X509Certificate> clientAnchors,
            boolean requestClientCertificates,
            int maxEnvelopeBytes,
            long maxDocumentBytes,
            long maxMessageBytes,
            int threads,
            InboundExchange inbound,
            As4Inbound as4,
            InboxStore store) {
        ListenerPolicy policy = new ListenerPolicy(
                "external",
                listener.limits(),
                HeaderGate.OPEN,
                (request, remote) -> tooLarge(store, remote),
                (request, remote) -> unavailable(remote));
        ListenerEngine engine = new ListenerEngine(
                listener.host(),
                listener.port(),
                TlsContexts.serverEngines(tlsKey, clientAnchors, requestClientCertificates),
                maxEnvelopeBytes,
                true,
                threads,
                policy);
        engine.stream(
                new StreamedDelivery(
                        inbound,
                        store,
                        store.documentFiles().spoolDirectory(),
                        maxEnvelopeBytes,
                        maxDocumentBytes,
                        maxMessageBytes),
                Math.max(2, threads / 2));
        Bus bus = ListenerEngineFactory.busFor(engine);
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceBean(new DeliverEndpoint(inbound));
        factory.setAddress("https://" + listener.host() + ":" + listener.port() + PATH);
        factory.getInInterceptors().add(new CloseOnceInterceptor());
        factory.getInInterceptors().add(new RawEnvelopeInterceptor(new ServiceDocuments(PATH)));
        factory.getOutInterceptors().add(new SoapContentTypeInterceptor());
        Server server = factory.create();
        LOG.info("exchange listener on https://{}:{}{}", listener.host(), engine.boundPort(), PATH);
        Server as4Server = null;
        if (as4 != null) {
            JaxWsServerFactoryBean as4Factory = new JaxWsServerFactoryBean();
            as4Factory.setBus(bus);
            as4Factory.setServiceBean(new As4Endpoint(as4));
            as4Factory.setAddress("https://" + listener.host() + ":" + listener.port() + As4Inbound.PATH);
            as4Factory.getInInterceptors().add(new CloseOnceInterceptor());
            as4Factory.getInInterceptors().add(new RawEnvelopeInterceptor(null));
            as4Factory.getOutInterceptors().add(new SoapContentTypeInterceptor());
            as4Server = as4Factory.create();
            LOG.info("AS4 endpoint on https://{}:{}{}", listener.host(), engine.boundPort(), As4Inbound.PATH);
        }
        return new ExchangeListener(bus, server, as4Server, engine, listener.host());
    }

    private static FullHttpResponse tooLarge(InboxStore store, SocketAddress remote) {
        String correlationId = UUID.randomUUID().toString();
        String address =
                remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : null;
        LOG.info("rejected MessageTooLarge (correlation {}, remote {})", correlationId, address);
        try {
            store.recordRejection(
                    new Rejection(ErrorCode.MESSAGE_TOO_LARGE.wireName(), correlationId, address, null, null, null));
        } catch (RuntimeException e) {
            LOG.error("could not log the rejection (correlation {}): {}", correlationId, e.getMessage());
        }
        return Faults.httpResponse(ErrorCode.MESSAGE_TOO_LARGE, correlationId);
    }

    /**
     * HTTP 503 with a {@code TemporarilyUnavailable} fault and its {@code Retry-After}, as every
     * fault of that code (docs/protocol.md#faults); the transport logs why, rate-limited. Not a
     * message-log entry: a flood would otherwise write one per refused request.
     */
    private static FullHttpResponse unavailable(SocketAddress remote) {
        String correlationId = UUID.randomUUID().toString();
        LOG.debug("refused TemporarilyUnavailable (correlation {}, remote {})", correlationId, remote);
        return Faults.httpResponse(ErrorCode.TEMPORARILY_UNAVAILABLE, correlationId);
    }

    public int port() {
        return engine.boundPort();
    }

    public URI url() {
        return URI.create("https://" + host + ":" + port() + PATH);
    }

    /** The AS4 endpoint's URL (served only when some partner speaks AS4). */
    public URI as4Url() {
        return URI.create("https://" + host + ":" + port() + As4Inbound.PATH);
    }

    @Override
    public void close() {
        server.destroy();
        if (as4Server != null) {
            as4Server.destroy();
        }
        bus.shutdown(true);
    }
}
