package org.mlagateway.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.apache.cxf.transport.http.netty.server.NettyHttpContextHandler;
import org.apache.cxf.transport.http.netty.server.NettyHttpServletHandler;
import org.apache.cxf.transport.http.netty.server.NettyHttpServletPipelineFactory;
import org.apache.cxf.transport.http.netty.server.interceptor.ChannelInterceptor;

/**
 * The channel pipeline of one listener, replacing defaults of CXF's Netty transport that a gateway
 * cannot live with: routing is by exact path (or whole path segments), never by the first matching
 * string prefix; an unknown path gets a real 404 instead of a dropped connection; an oversized body
 * is answered by the listener's {@link OversizeResponder}, before it is read when the request
 * declares its length. Each listener admits connections within its {@link ConnectionBudget} (at the
 * listening socket, {@link ConnectionGate}), and
 * every request passes its {@link RequestGuard} (header gate, bytes in flight, time) before the
 * aggregator buffers a byte of its body. Exceptions end in {@link ChannelFailures}, never in CXF's
 * handler. A response whose entity is a {@link StreamedBody} is written in pieces as the client takes
 * them ({@link ChunkedBodies}), never held whole. Responses are not compressed: compression of TLS
 * traffic that mixes secrets and attacker-chosen input is a known side channel.
 */
final class ListenerPipeline extends NettyHttpServletPipelineFactory {
    /**
     * The largest piece of a body the decoder hands on at once: Netty's default of 8 KiB would
     * make a streamed gigabyte 125,000 pieces, each through the pipeline and a spool write of its own;
     * a TLS read yields up to about 64 KiB anyway. Pieces are slices of what was read, not copies.
     */
    static final int MAX_BODY_PIECE = 64 * 1024;

    private final Map<String, NettyHttpContextHandler> servants;
    private final boolean exactPaths;
    private final int maxBodyBytes;
    private final ListenerPolicy policy;
    private final Supplier<SSLEngine> tls;
    private final ConnectionBudget connections;
    private final ByteBudget bytes;
    private final FailureLog failures;
    private final ChannelFailures failureHandler;
    private final StreamedEndpoint streamed;
    private final java.util.concurrent.ExecutorService streamWorkers;

    ListenerPipeline(
            Supplier<SSLEngine> tls,
            int maxBodyBytes,
            Map<String, NettyHttpContextHandler> servants,
            ListenerEngine engine,
            EventExecutorGroup executor,
            boolean exactPaths,
            ListenerPolicy policy,
            StreamedEndpoint streamed,
            java.util.concurrent.ExecutorService streamWorkers) {
        super(null, false, maxBodyBytes, servants, engine, executor);
        this.streamed = streamed;
        this.streamWorkers = streamWorkers;
        this.tls = tls;
        this.servants = servants;
        this.exactPaths = exactPaths;
        this.maxBodyBytes = maxBodyBytes;
        this.policy = policy;
        this.connections = new ConnectionBudget(policy.limits());
        this.bytes = new ByteBudget(policy.limits());
        this.failures = new FailureLog(policy.name());
        this.failureHandler = new ChannelFailures(failures);
    }

    @Override
    public NettyHttpContextHandler getNettyHttpHandler(String uri) {
        String key = servantPath(uri);
        return key == null ? null : servants.get(key);
    }

    /** The path under which the servant that would serve {@code uri} is published, or null when none would. */
    private String servantPath(String uri) {
        String path = pathOf(uri);
        if (servants.containsKey(path) || exactPaths) {
            return servants.containsKey(path) ? path : null;
        }
        String best = null;
        for (String key : servants.keySet()) {
            if (path.startsWith(key + "/") && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best;
    }

    static String pathOf(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The handler of the listening socket that admits each connection within the budget. */
    ConnectionGate connectionGate() {
        return new ConnectionGate(connections, failures);
    }

    /**
     * Our own TLS engine: CXF's Netty transport would only ever set need-client-auth and would not
     * restrict the protocols and cipher suites.
     */
    @Override
    protected ChannelPipeline getDefaultHttpChannelPipeline(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("ssl", new SslHandler(tls.get()));
        }
        configureDefaultHttpPipeline(pipeline);
        return pipeline;
    }

    @Override
    protected void configureDefaultHttpPipeline(ChannelPipeline pipeline) {
        pipeline.addLast(
                "decoder",
                new HttpRequestDecoder(
                        HttpObjectDecoder.DEFAULT_MAX_INITIAL_LINE_LENGTH,
                        HttpObjectDecoder.DEFAULT_MAX_HEADER_SIZE,
                        MAX_BODY_PIECE));
        pipeline.addLast("encoder", new HttpResponseEncoder());
        pipeline.addLast("chunked", new ChunkedWriteHandler());
        pipeline.addLast("bodies", new ChunkedBodies());
        pipeline.addLast(
                "guard", new RequestGuard(policy, bytes, failures, this::servantPath, maxBodyBytes, tls != null));
        if (streamed != null) {
            pipeline.addLast("streaming", new StreamingHandler(streamed, streamWorkers, failures));
        }
        pipeline.addLast("aggregator", new LimitedAggregator(maxBodyBytes, policy.oversize()));
        pipeline.addLast("failures", failureHandler);
    }

    @Override
    protected NettyHttpServletHandler getServletHandler() {
        RoutingHandler handler = new RoutingHandler(this);
        // CXF's servlet request reads the channel (TLS session, remote address) from this thread-local.
        handler.addInterceptor(new ChannelInterceptor());
        return handler;
    }

    /** Answers 404 for paths no servant serves, and otherwise hands over to CXF. */
    private static final class RoutingHandler extends NettyHttpServletHandler {
        private final ListenerPipeline pipeline;

        RoutingHandler(ListenerPipeline pipeline) {
            super(pipeline);
            this.pipeline = pipeline;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            HttpRequest request = (HttpRequest) msg;
            if (pipeline.getNettyHttpHandler(request.uri()) == null) {
                ReferenceCountUtil.release(msg);
                FullHttpResponse notFound = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.NOT_FOUND,
                        Unpooled.copiedBuffer("Not Found\r\n", CharsetUtil.UTF_8));
                notFound.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
                notFound.headers()
                        .set(HttpHeaderNames.CONTENT_LENGTH, notFound.content().readableBytes());
                ctx.writeAndFlush(notFound);
                return;
            }
            super.channelRead(ctx, msg);
        }

        /** What fails inside CXF's handler itself: logged by our rules, not CXF's, then the connection closes. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ChannelFailures.report(pipeline.failures, ctx, cause);
            if (ctx.channel().isActive() && ChannelFailures.kind(cause) == FailureLog.Kind.UNEXPECTED) {
                FullHttpResponse failed = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR, Unpooled.EMPTY_BUFFER);
                failed.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(failed).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }

    /** Netty's aggregator, answering oversized requests through the listener's responder. */
    private static final class LimitedAggregator extends HttpObjectAggregator {
        private final OversizeResponder oversize;

        LimitedAggregator(int maxBodyBytes, OversizeResponder oversize) {
            super(maxBodyBytes);
            this.oversize = oversize;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage message) {
            FullHttpResponse response =
                    oversize.respond((HttpRequest) message, ctx.channel().remoteAddress());
            response.headers()
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            // The aggregator discards the rest of the body as it arrives, without buffering it. Closing at
            // once would reset the connection under a client still sending, and it would lose the answer.
            if (HttpUtil.isKeepAlive(message)) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
