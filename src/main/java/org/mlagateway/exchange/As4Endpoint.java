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
import org.mlagateway.security.As4Profile;

/**
 * The JAX-WS endpoint of the AS4 binding at {@link As4Inbound#PATH}: like {@link DeliverEndpoint} it
 * works on the raw request bytes, here a MIME package whose content type names its boundary, and
 * answers with the exact bytes of the receipt or ebMS error, labelled SOAP 1.2.
 */
@WebServiceProvider(serviceName = "As4Service", portName = "As4Port", targetNamespace = As4Profile.EBMS)
@ServiceMode(Service.Mode.MESSAGE)
@BindingType(HTTPBinding.HTTP_BINDING)
public final class As4Endpoint implements Provider<DataSource> {
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    @Resource
    private WebServiceContext context;

    private final As4Inbound inbound;

    As4Endpoint(As4Inbound inbound) {
        this.inbound = inbound;
    }

    @Override
    public DataSource invoke(DataSource placeholder) {
        MessageContext mc = context.getMessageContext();
        org.apache.cxf.message.Message wrapped = ((WrappedMessageContext) mc).getWrappedMessage();
        byte[] raw = (byte[]) wrapped.getExchange().get(RawEnvelopeInterceptor.RAW_ENVELOPE);
        String contentType = (String) wrapped.getExchange().get(RawEnvelopeInterceptor.RAW_CONTENT_TYPE);
        HttpServletRequest http = (HttpServletRequest) mc.get(MessageContext.SERVLET_REQUEST);
        Object certs = http.getAttribute(CLIENT_CERTIFICATES);
        List<X509Certificate> chain = certs instanceof Certificate[] array
                ? Arrays.stream(array)
                        .filter(X509Certificate.class::isInstance)
                        .map(X509Certificate.class::cast)
                        .toList()
                : List.of();
        ExchangeResponse response = inbound.handle(raw, contentType, new RequestInfo(http.getRemoteAddr(), chain));
        mc.put(MessageContext.HTTP_RESPONSE_CODE, response.status());
        if (response.retryAfter() != null) {
            mc.put(
                    MessageContext.HTTP_RESPONSE_HEADERS,
                    Map.of(
                            "Retry-After",
                            List.of(Long.toString(response.retryAfter().toSeconds()))));
        }
        return new Bytes(response.body());
    }

    private record Bytes(byte[] bytes) implements DataSource {
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
            return "signal";
        }
    }
}
