package org.mlagateway.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ExecutorService;

/**
 * Takes the requests a {@link StreamedEndpoint} streams before the aggregator could buffer them:
 * each piece of the body goes to the endpoint's upload as it arrives, and the answer is computed on
 * the listener's stream workers once the body is complete, then written back on the connection.
 * Other requests pass on unchanged. One per connection; Netty calls it on the connection's thread.
 */
final class StreamingHandler extends ChannelInboundHandlerAdapter {
    private final StreamedEndpoint endpoint;
    private final ExecutorService workers;
    private final FailureLog failures;
    private StreamedEndpoint.Upload upload;
    private boolean keepAlive;
    /** The current request was answered early: the rest of its body is dropped, then the connection closes. */
    private boolean discarding;

    StreamingHandler(StreamedEndpoint endpoint, ExecutorService workers, FailureLog failures) {
        this.endpoint = endpoint;
        this.workers = workers;
        this.failures = failures;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && upload == null && !discarding) {
            if (!endpoint.streams(request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            keepAlive = HttpUtil.isKeepAlive(request);
            upload = endpoint.open(request, ctx.channel());
            ReferenceCountUtil.release(msg);
            if (msg instanceof HttpContent) {
                // A full request object: its body follows in the same message (not produced by the decoder).
                return;
            }
            return;
        }
        if (discarding) {
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                discarding = false;
            }
            return;
        }
        if (upload == null || !(msg instanceof HttpContent content)) {
            ctx.fireChannelRead(msg);
            return;
        }
        StreamedEndpoint.Upload current = upload;
        FullHttpResponse early;
        try {
            early = current.content(content.content());
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(msg);
            failures.warn(FailureLog.Kind.UNEXPECTED, ctx.channel().remoteAddress(), "streamed upload: " + e);
            upload = null;
            current.discard();
            ctx.close();
            return;
        }
        boolean last = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (early != null) {
            upload = null;
            current.discard();
            discarding = !last;
            early.headers().set(HttpHeaderNames.CONTENT_LENGTH, early.content().readableBytes());
            early.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(early).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!last) {
            return;
        }
        upload = null;
        boolean alive = keepAlive;
        // No more reads until this request is answered: HTTP/1.1 answers in order.
        ctx.channel().config().setAutoRead(false);
        workers.execute(() -> {
            FullHttpResponse answer;
            try {
                answer = current.finish();
            } catch (RuntimeException e) {
                failures.warn(FailureLog.Kind.UNEXPECTED, ctx.channel().remoteAddress(), "streamed request: " + e);
                current.discard();
                ctx.close();
                return;
            }
            answer.headers()
                    .set(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes());
            if (alive) {
                HttpUtil.setKeepAlive(answer, true);
                ctx.writeAndFlush(answer)
                        .addListener(f -> ctx.channel().config().setAutoRead(true));
            } else {
                answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (upload != null) {
            upload.discard();
            upload = null;
        }
        ctx.fireChannelInactive();
    }
}
