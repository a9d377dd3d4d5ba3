package org.mlagateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.junit.jupiter.api.Test;

/**
 * A streamed body goes out in pieces after CXF's headers with the announced length, and a body
 * that cannot be read to its end closes the connection before the answer could look complete.
 */
class ChunkedBodiesTest {
    private static final int PIECE = ListenerPipeline.MAX_BODY_PIECE;

    @Test
    void aBodyGoesOutInFullPiecesAfterTheHeaders_withItsLength() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkedWriteHandler(), new ChunkedBodies());
        int size = 3 * PIECE + 5;
        answer(channel, new ByteArrayInputStream(new byte[size]), size);

        HttpResponse head = assertInstanceOf(HttpResponse.class, channel.readOutbound());
        assertEquals(String.valueOf(size), head.headers().get("Content-Length"));
        assertEquals("nosniff", head.headers().get("X-Content-Type-Options"), "CXF's headers are kept");
        long received = 0;
        int pieces = 0;
        Object out = channel.readOutbound();
        while (!(out instanceof LastHttpContent)) {
            ByteBuf content = ((HttpContent) out).content();
            received += content.readableBytes();
            pieces++;
            ReferenceCountUtil.release(out);
            out = channel.readOutbound();
        }
        ReferenceCountUtil.release(out);
        assertEquals(size, received);
        assertEquals(4, pieces);
        assertTrue(channel.isOpen(), "kept alive");
    }

    @Test
    void aBodyThatFailsMidway_closesTheConnectionWithoutEndingTheAnswer() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkedWriteHandler(), new ChunkedBodies());
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[PIECE]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the document failed its check");
            }
        });
        answer(channel, failing, 4L * PIECE);
        assertNoEnd(channel);
    }

    @Test
    void aBodyShorterThanAnnounced_closesTheConnectionWithoutEndingTheAnswer() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkedWriteHandler(), new ChunkedBodies());
        answer(channel, new ByteArrayInputStream(new byte[PIECE + 1]), 4L * PIECE);
        assertNoEnd(channel);
    }

    /** What CXF does for a resource that answers with a streamed body: the body first, then the empty answer. */
    private static void answer(EmbeddedChannel channel, InputStream content, long length) {
        channel.attr(StreamedBody.PENDING).set(new StreamedBody.Pending(content, length));
        DefaultFullHttpResponse empty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        empty.headers().set("X-Content-Type-Options", "nosniff");
        empty.headers().set("Content-Length", 0);
        channel.writeAndFlush(empty);
        channel.runPendingTasks();
    }

    private static void assertNoEnd(EmbeddedChannel channel) {
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            assertFalse(out instanceof LastHttpContent, "the answer must not end as if complete");
            ReferenceCountUtil.release(out);
        }
        assertFalse(channel.isOpen(), "the connection is closed");
    }
}
