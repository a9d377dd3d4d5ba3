package org.mlagateway.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.mlagateway.message.Namespaces;

/**
 * Takes the request body as raw bytes before any CXF binding sees it, for two reasons: the exact
 * bytes are the evidence we keep and whose SHA-256 the receipt states, and the envelope must be
 * parsed once, by our hardened parser, with its own error codes (CXF's XML binding would re-parse
 * and re-serialize it, silently dropping a DOCTYPE instead of rejecting it). The binding is left a
 * fixed placeholder. GET requests for the WSDL and its schemas are answered here.
 */
final class RawEnvelopeInterceptor extends AbstractPhaseInterceptor<Message> {
    static final String RAW_ENVELOPE = RawEnvelopeInterceptor.class.getName() + ".raw";
    /** The request's Content-Type, which for an AS4 package names its MIME boundary. */
    static final String RAW_CONTENT_TYPE = RawEnvelopeInterceptor.class.getName() + ".contentType";

    private static final byte[] PLACEHOLDER =
            ("<raw xmlns=\"" + Namespaces.TRANSPORT + "\"/>").getBytes(StandardCharsets.UTF_8);

    private final ServiceDocuments documents;

    RawEnvelopeInterceptor(ServiceDocuments documents) {
        super(Phase.RECEIVE);
        addAfter(org.mlagateway.transport.CloseOnceInterceptor.class.getName());
        // Before CXF reads a multipart body itself: an AS4 package is ours to parse, within our limits.
        addBefore(org.apache.cxf.interceptor.AttachmentInInterceptor.class.getName());
        this.documents = documents;
    }

    @Override
    public void handleMessage(Message message) {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            if (documents == null) {
                ServiceDocuments.notFound(message);
            } else {
                documents.answer(message);
            }
            return;
        }
        InputStream in = message.getContent(InputStream.class);
        try (in) {
            // The Netty aggregator has already bounded the body by the configured envelope limit.
            byte[] raw = in == null ? new byte[0] : in.readAllBytes();
            message.getExchange().put(RAW_ENVELOPE, raw);
            Object type = message.get(Message.CONTENT_TYPE);
            if (type != null) {
                message.getExchange().put(RAW_CONTENT_TYPE, type.toString());
                if (type.toString().regionMatches(true, 0, "multipart/", 0, 10)) {
                    // The binding reads the placeholder, which is no MIME package: CXF must not look for parts.
                    message.put(Message.CONTENT_TYPE, "application/xml");
                }
            }
        } catch (IOException e) {
            throw new Fault(e);
        }
        message.setContent(InputStream.class, new ByteArrayInputStream(PLACEHOLDER));
    }
}
