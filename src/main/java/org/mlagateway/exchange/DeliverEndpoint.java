package org.mlagateway.exchange;

import jakarta.activation.DataSource;
import jakarta.annotation.Resource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.http.HTTPBinding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.cxf.jaxws.context.WrappedMessageContext;
import org.mlagateway.message.Namespaces;

/**
 * The JAX-WS endpoint of the {@code Deliver} operation. It works on whole envelopes: the raw
 * request bytes taken by {@link RawEnvelopeInterceptor}, and the exact response bytes, which
 * {@link SoapContentTypeInterceptor} labels as SOAP 1.2. Everything else happens in
 * {@link InboundExchange}.
 */
@WebServiceProvider(serviceName = "ExchangeService", portName = "ExchangePort", targetNamespace = Namespaces.EXC)
@ServiceMode(Service.Mode.MESSAGE)
@BindingType(HTTPBinding.HTTP_BINDING)
public final class DeliverEndpoint implements Provider<DataSource> {
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    @Resource
    private WebServiceContext context;

    private final InboundExchange inbound;

    DeliverEndpoint(InboundExchange inbound) {
        this.inbound = inbound;
    }

    @Override
    public DataSource invoke(DataSource placeholder) {
        MessageContext mc = context.getMessageContext();
        byte[] raw = (byte[])
                ((WrappedMessageContext) mc).getWrappedMessage().getExchange().get(RawEnvelopeInterceptor.RAW_ENVELOPE);
        HttpServletRequest http = (HttpServletRequest) mc.get(MessageContext.SERVLET_REQUEST);
        ExchangeResponse response = inbound.handle(raw, new RequestInfo(http.getRemoteAddr(), peerChain(http)));
        return answer(mc, response, "envelope");
    }

    /** The TLS peer's chain: CXF's Netty request holds it as Certificate[] (X.509 in practice). */
    static List<X509Certificate> peerChain(HttpServletRequest http) {
        Object certs = http.getAttribute(CLIENT_CERTIFICATES);
        return certs instanceof Certificate[] array
                ? Arrays.stream(array)
                        .filter(X509Certificate.class::isInstance)
                        .map(X509Certificate.class::cast)
                        .toList()
                : List.of();
    }

    /**
     * Sets the response's status and Retry-After and returns its body. CXF's HTTP destination writes
     * them as they are (Message.RESPONSE_CODE, Message.PROTOCOL_HEADERS); the fault is our own
     * envelope, so no CXF fault handling sets 500 instead.
     */
    static DataSource answer(MessageContext mc, ExchangeResponse response, String name) {
        mc.put(MessageContext.HTTP_RESPONSE_CODE, response.status());
        if (response.retryAfter() != null) {
            mc.put(
                    MessageContext.HTTP_RESPONSE_HEADERS,
                    Map.of(
                            "Retry-After",
                            List.of(Long.toString(response.retryAfter().toSeconds()))));
        }
        return new BytesDataSource(response.body(), name);
    }

    /** The response as it was signed; see {@link SoapContentTypeInterceptor} for its content type. */
    private record BytesDataSource(byte[] bytes, String name) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public String getContentType() {
            return SoapContentTypeInterceptor.PASS_THROUGH;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
