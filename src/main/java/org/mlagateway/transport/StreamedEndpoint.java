package org.mlagateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;

/**
 * An endpoint that takes the bodies of some requests as a stream instead of the aggregated whole
 * (a multipart delivery with documents of any size): the listener hands it each piece of the body
 * as it arrives, on the connection's I/O thread, and asks for the answer once the body is complete,
 * on a thread of its own. Every other request goes the usual way, through the aggregator, limited
 * to the listener's body size.
 */
public interface StreamedEndpoint {
    /** Whether this endpoint streams {@code request} (called with its headers only). */
    boolean streams(HttpRequest request);

    /** Starts taking the body of a request it {@link #streams}. */
    Upload open(HttpRequest request, Channel channel);

    /** The body of one request, as it arrives. */
    interface Upload {
        /**
         * A piece of the body, in order; it must not be kept (it is released after the call). An
         * answer returned here ends the request at once, the rest of the body unread (too large,
         * malformed): the upload is then {@link #discard discarded}.
         */
        FullHttpResponse content(ByteBuf piece);

        /** The whole body has arrived: the answer, computed on a worker thread (it may block). */
        FullHttpResponse finish();

        /** Drops whatever the upload keeps (spooled files): the request was cut or answered early. */
        void discard();
    }
}
