package org.mlagateway.transport;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.testing.TestPki;

/**
 * A real listener (our engine and pipeline, CXF, a socket on port 0, TLS when given a PKI) serving
 * one JAX-RS resource at {@code /echo} that reads the whole body and says how many bytes it got.
 */
final class TestListener implements AutoCloseable {
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final ListenerEngine engine;
    private final Bus bus;
    private final Server server;
    private final TestPki pki;

    @Path("/")
    public static final class Echo {
        @POST
        @Consumes("*/*")
        @Produces("text/plain")
        public String post(InputStream body) throws IOException {
            return "received " + body.transferTo(OutputStream.nullOutputStream());
        }

        @GET
        @Produces("text/plain")
        public String get() {
            return "ok";
        }
    }

    private TestListener(ListenerEngine engine, Bus bus, Server server, TestPki pki) {
        this.engine = engine;
        this.bus = bus;
        this.server = server;
        this.pki = pki;
    }

    static TestListener plain(ListenerLimitsConfig limits) {
        return start(limits, null);
    }

    static TestListener tls(ListenerLimitsConfig limits, TestPki pki) {
        return start(limits, pki);
    }

    private static TestListener start(ListenerLimitsConfig limits, TestPki pki) {
        ListenerEngine engine = new ListenerEngine(
                "127.0.0.1",
                0,
                pki == null ? null : TlsContexts.serverEngines(pki.tls(), List.of(), false),
                MAX_BODY_BYTES,
                false,
                4,
                ListenerPolicy.plain("test", limits));
        Bus bus = ListenerEngineFactory.busFor(engine);
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress((pki == null ? "http" : "https") + "://127.0.0.1:0/echo");
        factory.setServiceBean(new Echo());
        factory.getInInterceptors().add(new CloseOnceInterceptor());
        return new TestListener(engine, bus, factory.create(), pki);
    }

    int port() {
        return engine.boundPort();
    }

    /** A client context that trusts this listener's PKI and presents no certificate. */
    SSLContext clientTls() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, TlsContexts.trustManagers(List.of(pki.root().certificate())), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.destroy();
        bus.shutdown(true);
    }
}
