package org.mlagateway.tools.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The hostile side of {@code bench hostile}: TLS connections to one loopback listener from
 * several loopback source addresses (idle flooders from 127.0.0.2 and up, stalled ones from
 * 127.0.1.2 and up), on one small event loop. Idle flooders
 * complete their handshake and then say nothing; stalled flooders declare a large body, send all
 * but its last kilobyte as fast as the server takes it, and wait. Whenever the server closes one,
 * it comes back after {@link #RECONNECT_MILLIS}, until the flood stops. It only counts what the
 * server did; nothing it sends is a valid message.
 */
final class Flood implements AutoCloseable {
    static final long RECONNECT_MILLIS = 1000;
    static final long EARLY_MILLIS = 2000;
    private static final byte[] FILLER = filler();

    private final NioEventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("flood", true));
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final SSLContext tls;
    private final URI target;
    private final List<InetAddress> idleSources;
    private final List<InetAddress> stalledSources;
    private volatile boolean running = true;

    final AtomicLong handshakes = new AtomicLong();
    final AtomicLong closedByServer = new AtomicLong();
    /** Stalled bodies answered 503: refused from their headers, or admitted and then cut for stalling. */
    final AtomicLong unavailable = new AtomicLong();
    /** Of those, the ones answered within {@link #EARLY_MILLIS} of their head: surely refused from the headers. */
    final AtomicLong unavailableEarly = new AtomicLong();

    final AtomicLong otherAnswers = new AtomicLong();

    Flood(SSLContext tls, URI target, int sourceAddresses) throws UnknownHostException {
        this.tls = tls;
        this.target = target;
        this.idleSources = addresses("127.0.0.", sourceAddresses);
        this.stalledSources = addresses("127.0.1.", sourceAddresses);
    }

    private static List<InetAddress> addresses(String prefix, int count) throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(InetAddress.getByName(prefix + (2 + i)));
        }
        return addresses;
    }

    /** Opens {@code count} idle TLS connections, spread over the source addresses. */
    void idle(int count) {
        for (int i = 0; i < count; i++) {
            connect(idleSources.get(i % idleSources.size()), Idle::new);
        }
    }

    /** Opens {@code count} connections that each post a body of {@code bytes} and stall 1 KB short of its end. */
    void stalled(int count, long bytes) {
        for (int i = 0; i < count; i++) {
            connect(stalledSources.get(i % stalledSources.size()), () -> new Stalled(bytes));
        }
    }

    int openConnections() {
        return open.size();
    }

    private void connect(InetAddress source, Supplier<ChannelHandler> handler) {
        if (!running) {
            return;
        }
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SSLEngine engine = tls.createSSLEngine(target.getHost(), target.getPort());
                        engine.setUseClientMode(true);
                        ch.pipeline().addLast(new SslHandler(engine), handler.get());
                    }
                })
                .connect(new InetSocketAddress(target.getHost(), target.getPort()), new InetSocketAddress(source, 0))
                .addListener(f -> {
                    Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                    if (f.isSuccess()) {
                        open.add(ch);
                    }
                    ch.closeFuture().addListener(c -> again(source, handler));
                });
    }

    private void again(InetAddress source, Supplier<ChannelHandler> handler) {
        if (running) {
            group.schedule(() -> connect(source, handler), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Completes its handshake and then holds the connection, saying nothing. */
    private final class Idle extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
                handshakes.incrementAndGet();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (running) {
                closedByServer.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Posts a large body as fast as the server reads it, and stalls just short of its end. */
    private final class Stalled extends ChannelInboundHandlerAdapter {
        private final long bytes;
        private long left;
        private long sentHead;
        private boolean answered;

        Stalled(long bytes) {
            this.bytes = bytes;
            this.left = bytes - 1000;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
                handshakes.incrementAndGet();
                String head = "POST " + target.getPath() + " HTTP/1.1\r\nHost: " + target.getHost() + "\r\n"
                        + "Content-Type: application/soap+xml; charset=UTF-8\r\nContent-Length: " + bytes + "\r\n\r\n";
                ctx.write(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
                sentHead = System.nanoTime();
                pump(ctx);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pump(ctx);
            ctx.fireChannelWritabilityChanged();
        }

        /** Each piece is flushed at once: TLS holds unflushed writes outside the channel's writability. */
        private void pump(ChannelHandlerContext ctx) {
            while (left > 0 && !answered && ctx.channel().isWritable()) {
                int n = (int) Math.min(FILLER.length, left);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(FILLER, 0, n));
                left -= n;
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (!answered && in.readableBytes() >= 12) {
                answered = true;
                String status = in.toString(in.readerIndex(), 12, StandardCharsets.US_ASCII);
                if (status.endsWith("503")) {
                    unavailable.incrementAndGet();
                    if (System.nanoTime() - sentHead < TimeUnit.MILLISECONDS.toNanos(EARLY_MILLIS)) {
                        unavailableEarly.incrementAndGet();
                    }
                } else {
                    otherAnswers.incrementAndGet();
                }
                ctx.close();
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (running && !answered) {
                closedByServer.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        running = false;
        open.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private static byte[] filler() {
        byte[] bytes = new byte[64 * 1024];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
