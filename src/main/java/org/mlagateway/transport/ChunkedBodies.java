package org.mlagateway.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.AttributeKey;

/**
 * Writes the {@link StreamedBody} of a response after CXF's (empty) answer: the headers as CXF and
 * the filters set them, with the body's length, then the body in pieces of
 * {@link ListenerPipeline#MAX_BODY_PIECE} through Netty's chunked writer, which reads the next piece
 * only when the connection can take it. A body that fails or ends early while being written closes
 * the connection: the client sees fewer bytes than announced, never a shorter body as complete.
 * Sits between the chunked writer and CXF's handler; one per connection.
 */
final class ChunkedBodies extends ChannelDuplexHandler {
    /** Marks a channel whose pipeline writes streamed bodies. */
    static final AttributeKey<Boolean> ENABLED = AttributeKey.valueOf("mla.chunkedBodies");

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(ENABLED).set(Boolean.TRUE);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        StreamedBody.Pending body = msg instanceof FullHttpResponse
                ? ctx.channel().attr(StreamedBody.PENDING).getAndSet(null)
                : null;
        if (body == null) {
            ctx.write(msg, promise);
            return;
        }
        FullHttpResponse answer = (FullHttpResponse) msg;
        if (answer.content().isReadable() || answer.status().codeClass() != HttpStatusClass.SUCCESS) {
            // CXF answered something else after all (a failure while writing): that answer goes as it is.
            body.content().close();
            ctx.write(msg, promise);
            return;
        }
        HttpResponse head = new DefaultHttpResponse(
                answer.protocolVersion(), answer.status(), answer.headers().copy());
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length());
        answer.release();
        ctx.write(head).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        BodyPieces pieces = new BodyPieces(body.content(), body.length(), ListenerPipeline.MAX_BODY_PIECE);
        // The chunked writer fails the promise when a piece cannot be read: the rest never comes.
        promise.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ctx.write(new HttpChunkedInput(pieces), promise);
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        StreamedBody.Pending left = ctx.channel().attr(StreamedBody.PENDING).getAndSet(null);
        if (left != null) {
            left.content().close();
        }
        ctx.fireChannelInactive();
    }
}
