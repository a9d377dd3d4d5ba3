package org.mlagateway.exchange;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.jaxws.interceptors.MessageModeOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Our response envelopes leave as the exact bytes we signed. CXF streams a Provider's DataSource
 * unchanged only when its content type is not XML (otherwise it parses and re-serializes it), and
 * then labels the response with that type; this interceptor restores the SOAP 1.2 content type at
 * the moment the first byte is written, when the HTTP headers are sent.
 */
final class SoapContentTypeInterceptor extends AbstractPhaseInterceptor<Message> {
    /** The type our DataSources declare, so that CXF passes their bytes through. */
    static final String PASS_THROUGH = "application/octet-stream";

    SoapContentTypeInterceptor() {
        super(Phase.PREPARE_SEND);
        addAfter(MessageSenderInterceptor.class.getName());
        addBefore(MessageModeOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        OutputStream out = message.getContent(OutputStream.class);
        if (out != null) {
            message.setContent(OutputStream.class, new FilterOutputStream(out) {
                private boolean first = true;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    restore();
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    restore();
                    out.write(b);
                }

                private void restore() {
                    if (first) {
                        first = false;
                        message.put(Message.CONTENT_TYPE, Faults.CONTENT_TYPE);
                    }
                }
            });
        }
    }
}
