package org.mlagateway.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.cxf.io.DelegatingInputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * CXF's Netty request stream releases its pooled buffer on every {@code close()}, and CXF closes
 * it twice on some paths (after reading the body, and again when the response starts), which
 * fails with an IllegalReferenceCountException. This makes the first close the only one.
 */
public final class CloseOnceInterceptor extends AbstractPhaseInterceptor<Message> {
    public CloseOnceInterceptor() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in instanceof DelegatingInputStream delegating) {
            // CXF's destination keeps this wrapper and closes what it holds again when the response starts.
            delegating.setInputStream(closeOnce(delegating.getInputStream()));
        } else if (in != null) {
            message.setContent(InputStream.class, closeOnce(in));
        }
    }

    private static InputStream closeOnce(InputStream in) {
        return new FilterInputStream(in) {
            private final AtomicBoolean closed = new AtomicBoolean();

            @Override
            public void close() throws IOException {
                if (closed.compareAndSet(false, true)) {
                    super.close();
                }
            }
        };
    }
}
