package org.mlagateway.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.cxf.transport.http.netty.server.servlet.ChannelThreadLocal;

/**
 * A response body of known length that the listener writes to the connection itself, piece by
 * piece as the client takes them, after CXF has answered with the headers: CXF's Netty transport
 * would otherwise collect whatever a {@link StreamingOutput} writes in one buffer, a whole document
 * in the heap. A resource returns it as its entity; status, headers and filters stay CXF's. Outside
 * a listener of ours (no channel on the thread) it is written the ordinary way.
 */
public final class StreamedBody implements StreamingOutput {
    /** The body the response being written on a channel carries instead of its (empty) content. */
    static final AttributeKey<Pending> PENDING = AttributeKey.valueOf("mla.streamedBody");

    /** Opens the content; called once, on the thread that runs the resource. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** An opened body waiting for its response's headers to be written. */
    record Pending(InputStream content, long length) {}

    private final long length;
    private final Source source;

    public StreamedBody(long length, Source source) {
        this.length = length;
        this.source = source;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        Channel channel = ChannelThreadLocal.get();
        if (channel == null || !channel.hasAttr(ChunkedBodies.ENABLED)) {
            try (InputStream in = source.open()) {
                in.transferTo(out);
            }
            return;
        }
        // Opened here so that a document that cannot be read fails the request while it can still be answered.
        InputStream content = source.open();
        Pending previous = channel.attr(PENDING).getAndSet(new Pending(content, length));
        if (previous != null) {
            previous.content().close();
        }
    }
}
