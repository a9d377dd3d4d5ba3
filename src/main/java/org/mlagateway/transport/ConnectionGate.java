package org.mlagateway.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Sits on the listening socket and decides about each accepted connection before it is handed to
 * a worker thread ({@link ConnectionBudget}): under a flood the workers are busy with handshakes,
 * and a connection waiting for one would hold its file descriptor all the while. A refused
 * connection is closed on the spot; one admitted in place of an idle one has that one closed.
 * When accepting itself fails (no file descriptor left), accepting pauses for a second, as
 * Netty's own acceptor would, and one WARN line says so.
 */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    private static final long ACCEPT_PAUSE_MILLIS = 1000;

    private final ConnectionBudget budget;
    private final FailureLog log;

    ConnectionGate(ConnectionBudget budget, FailureLog log) {
        this.budget = budget;
        this.log = log;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        InetAddress address = ((InetSocketAddress) child.remoteAddress()).getAddress();
        ConnectionBudget.Decision decision = budget.admit(child, address);
        if (!decision.admitted()) {
            log.warn(FailureLog.Kind.CONNECTION_LIMIT, child.remoteAddress(), "closed at once: " + decision.refusal());
            child.unsafe().closeForcibly(); // not yet registered with a worker: nothing else holds it
            return;
        }
        child.closeFuture().addListener(f -> budget.release(child, address));
        if (decision.evicted() != null) {
            log.warn(
                    FailureLog.Kind.CONNECTION_LIMIT,
                    child.remoteAddress(),
                    "closed an idle connection from "
                            + FailureLog.address(decision.evicted().remoteAddress()) + " to admit this one");
            close(decision.evicted());
        }
        ctx.fireChannelRead(child);
    }

    /**
     * Closes a connection made room from at once, on its own worker, without the TLS close_notify
     * exchange: an idle flooder need not be told politely, and its descriptor is wanted back now.
     */
    private static void close(Channel evicted) {
        evicted.eventLoop()
                .execute(() -> evicted.unsafe().close(evicted.unsafe().voidPromise()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn(
                FailureLog.Kind.ACCEPT_FAILED,
                ctx.channel().localAddress(),
                cause.getClass().getSimpleName() + ": " + cause.getMessage() + "; accepting pauses for "
                        + ACCEPT_PAUSE_MILLIS + " ms");
        if (ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            ctx.channel()
                    .eventLoop()
                    .schedule(
                            () -> ctx.channel().config().setAutoRead(true), ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
