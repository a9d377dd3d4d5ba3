package org.mlagateway.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.mlagateway.transport.FailureLog.Kind;

/**
 * Where a connection's exceptions end, before they reach CXF's servlet handler: that handler logs
 * each one as an ERROR with a 40-line stack trace (and a literal {@code {0}}), though a failed TLS
 * handshake, a plain-HTTP probe on the TLS port or a client that goes away mid-request is nothing
 * an operator can act on. Here each is one rate-limited WARN line with the remote address
 * ({@link FailureLog}), and the connection is closed. Only what we cannot classify is an ERROR.
 */
@ChannelHandler.Sharable
final class ChannelFailures extends ChannelInboundHandlerAdapter {
    private final FailureLog log;

    ChannelFailures(FailureLog log) {
        this.log = log;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        report(log, ctx, cause);
        ctx.close();
    }

    static void report(FailureLog log, ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof java.util.concurrent.RejectedExecutionException) {
            // The listener is stopping: its application executor is shut down while the connections
            // it had still close (an event for the next handler cannot be run). Nothing to act on.
            return;
        }
        if (RequestGuard.firstReport(ctx.channel())) {
            Kind kind = kind(root);
            if (kind == Kind.UNEXPECTED) {
                log.error(ctx.channel().remoteAddress(), root);
            } else {
                log.warn(
                        kind,
                        ctx.channel().remoteAddress(),
                        kind == Kind.NOT_TLS
                                ? "not a TLS record"
                                : root.getClass().getSimpleName() + ": " + root.getMessage());
            }
        }
    }

    static Kind kind(Throwable root) {
        if (root instanceof NotSslRecordException) {
            return Kind.NOT_TLS;
        }
        if (root instanceof SSLException) {
            return Kind.TLS_HANDSHAKE;
        }
        if (root instanceof IOException) {
            return Kind.CLIENT_GONE; // connection reset, broken pipe, closed channel
        }
        if (root instanceof TooLongFrameException) {
            return Kind.BAD_REQUEST;
        }
        return Kind.UNEXPECTED;
    }
}
