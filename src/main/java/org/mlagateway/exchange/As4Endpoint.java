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
        ExchangeResponse response = inbound.handle(
                raw, contentType, new RequestInfo(http.getRemoteAddr(), DeliverEndpoint.peerChain(http)));
        return DeliverEndpoint.answer(mc, response, "signal");
    }
}
