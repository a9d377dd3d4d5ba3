package org.mlagateway.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.transport.FailureLog.Kind;

/**
 * Guards one connection between the HTTP decoder and the aggregator, so that it decides before a
 * body is buffered. From a request's headers it asks the listener's {@link HeaderGate}, then takes
 * the declared length from the {@link ByteBudget}; a refused request is answered at once (503 with
 * {@code Retry-After}, or the gate's answer), its body discarded unread and the connection closed.
 * It also keeps the connection's clock: the whole request must arrive within
 * {@code requestTimeout} and never slower than {@code minUploadBytesPerSecond} over an
 * {@code uploadRateWindow}; between requests the connection may idle for {@code idleTimeout}.
 * While a request is processed nothing times out: that is the endpoint's time, not the client's.
 */
final class RequestGuard extends ChannelDuplexHandler {
    /** What a refused client is told to wait (RFC 9110 §10.2.3) unless the listener's answer says. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** How long a refused request's body is still read and discarded, so the client can read the answer. */
    static final long LINGER_MILLIS = 2000;

    private static final AttributeKey<Activity> ACTIVITY = AttributeKey.valueOf(RequestGuard.class, "activity");
    private static final AttributeKey<Boolean> REPORTED = AttributeKey.valueOf(RequestGuard.class, "reported");

    private enum State {
        IDLE,
        RECEIVING,
        PROCESSING,
        REFUSED
    }

    /** What a connection is doing, as the {@link ConnectionBudget} sees it when it must close one. */
    enum Activity {
        /** TLS handshake not yet complete: a newcomer, or a client that stalls its handshake. */
        HANDSHAKING,
        /** Between requests: closing it costs its client a reconnect, nothing more. */
        IDLE,
        /** A request in progress. */
        BUSY
    }

    private final ListenerPolicy policy;
    private final ListenerLimitsConfig limits;
    private final ByteBudget budget;
    private final FailureLog log;
    private final Function<String, String> servants;
    private final int maxBodyBytes;
    private boolean handshaken;
    /** Reservations of requests not yet answered, oldest first (HTTP/1.1 answers in order). */
    private final Deque<ByteBudget.Reservation> unanswered = new ArrayDeque<>();

    private State state = State.IDLE;
    private HttpRequest request;
    private ByteBudget.Reservation receiving;
    private boolean chunked;
    private long declared;
    private long received;
    private long receivedAtTick;
    private ScheduledFuture<?> idle;
    private ScheduledFuture<?> deadline;
    private ScheduledFuture<?> tick;

    RequestGuard(
            ListenerPolicy policy,
            ByteBudget budget,
            FailureLog log,
            Function<String, String> servants,
            int maxBodyBytes,
            boolean tls) {
        this.handshaken = !tls;
        this.policy = policy;
        this.limits = policy.limits();
        this.budget = budget;
        this.log = log;
        this.servants = servants;
        this.maxBodyBytes = maxBodyBytes;
    }

    static void activity(Channel channel, Activity activity) {
        channel.attr(ACTIVITY).set(activity);
    }

    /** What {@code channel} is doing; a connection not yet known here counts as handshaking. */
    static Activity activity(Channel channel) {
        Activity activity = channel.attr(ACTIVITY).get();
        return activity == null ? Activity.HANDSHAKING : activity;
    }

    /** Marks that a failure of {@code channel} was logged; true only the first time, so each connection logs once. */
    static boolean firstReport(Channel channel) {
        return channel.attr(REPORTED).setIfAbsent(Boolean.TRUE) == null;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            handshaken = true;
            if (state == State.IDLE) {
                activity(ctx.channel(), Activity.IDLE);
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        enterIdle(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.REFUSED) {
            discard(ctx, msg);
            return;
        }
        if (msg instanceof HttpRequest r && !admit(ctx, r)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content && !count(ctx, content)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
        if (msg instanceof LastHttpContent && state == State.RECEIVING) {
            cancelClock();
            request = null;
            receiving = null;
            if (unanswered.isEmpty()) {
                enterIdle(ctx); // already answered, e.g. MessageTooLarge from its declared length
            } else {
                state = State.PROCESSING;
            }
        }
    }

    private boolean admit(ChannelHandlerContext ctx, HttpRequest r) {
        cancel(idle);
        activity(ctx.channel(), Activity.BUSY);
        request = r;
        chunked = HttpUtil.isTransferEncodingChunked(r);
        try {
            declared = r.decoderResult().isSuccess() ? HttpUtil.getContentLength(r, chunked ? -1L : 0L) : -1L;
        } catch (NumberFormatException e) {
            declared = -1L;
        }
        if (r.decoderResult().isFailure() || (declared < 0 && !chunked)) {
            report(ctx, Kind.BAD_REQUEST, String.valueOf(r.decoderResult().cause()));
            refuse(ctx, plain(HttpResponseStatus.BAD_REQUEST, "Bad Request"), false);
            return false;
        }
        boolean body = chunked || declared > 0;
        String servant = servants.apply(r.uri());
        if (servant == null && body) {
            refuse(ctx, plain(HttpResponseStatus.NOT_FOUND, "Not Found"), true);
            return false;
        }
        Optional<FullHttpResponse> denied =
                policy.gate().check(r, servant, ctx.channel().remoteAddress());
        if (denied.isPresent()) {
            report(ctx, Kind.DENIED, denied.get().status().code() + " for " + r.method() + " " + r.uri());
            refuse(ctx, denied.get(), body);
            return false;
        }
        receiving = budget.open(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        // Beyond the body limit the aggregator answers MessageTooLarge and discards the body unbuffered.
        String refusal = declared > 0 && declared <= maxBodyBytes ? receiving.grow(declared) : null;
        if (refusal != null) {
            report(ctx, Kind.BUSY, r.method() + " " + r.uri() + " declaring " + declared + " bytes: " + refusal);
            refuse(ctx, unavailable(r, ctx), body);
            return false;
        }
        unanswered.add(receiving);
        state = State.RECEIVING;
        received = 0;
        receivedAtTick = 0;
        startClock(ctx);
        return true;
    }

    /** Counts a piece of the body; a chunked body takes its budget as it arrives. False when it was cut. */
    private boolean count(ChannelHandlerContext ctx, HttpContent content) {
        int n = content.content().readableBytes();
        received += n;
        if (chunked && received <= maxBodyBytes && n > 0) {
            String refusal = receiving.grow(n);
            if (refusal != null) {
                report(ctx, Kind.OVER_BUDGET, "at " + received + " bytes: " + refusal);
                cut(ctx);
                return false;
            }
        }
        return true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim = msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (!interim && msg instanceof LastHttpContent) {
            ByteBudget.Reservation answered = unanswered.poll();
            if (answered != null) {
                answered.release();
            }
            if (unanswered.isEmpty() && state == State.PROCESSING) {
                enterIdle(ctx);
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.RECEIVING) {
            report(
                    ctx,
                    Kind.CLIENT_GONE,
                    "the connection closed after " + received + " of " + (declared < 0 ? "a chunked body's" : declared)
                            + " bytes");
        }
        cancel(idle);
        cancelClock();
        unanswered.forEach(ByteBudget.Reservation::release);
        unanswered.clear();
        if (receiving != null) {
            receiving.release();
        }
        ctx.fireChannelInactive();
    }

    private void startClock(ChannelHandlerContext ctx) {
        Duration timeout = limits.requestTimeoutFor(declared);
        deadline = ctx.executor()
                .schedule(
                        () -> {
                            if (state == State.RECEIVING) {
                                report(
                                        ctx,
                                        Kind.TOO_LONG,
                                        "not complete within requestTimeout " + timeout + " (" + received + " of "
                                                + length() + " bytes)");
                                cut(ctx);
                            }
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        long window = limits.uploadRateWindow().toMillis();
        if (limits.minUploadBytesPerSecond() > 0) {
            tick = ctx.executor().scheduleAtFixedRate(() -> checkRate(ctx), window, window, TimeUnit.MILLISECONDS);
        }
    }

    /** Over each window the body must bring the minimum rate's worth, or all that is left of it. */
    private void checkRate(ChannelHandlerContext ctx) {
        if (state != State.RECEIVING) {
            return;
        }
        long window = limits.uploadRateWindow().toMillis();
        long required = limits.minUploadBytesPerSecond() * window / 1000;
        if (declared >= 0) {
            required = Math.min(required, declared - receivedAtTick);
        }
        long got = received - receivedAtTick;
        receivedAtTick = received;
        if (got < required) {
            report(
                    ctx,
                    Kind.TOO_SLOW,
                    got + " bytes in the last " + limits.uploadRateWindow().toMillis()
                            + " ms, below minUploadBytesPerSecond " + limits.minUploadBytesPerSecond() + " (" + received
                            + " of " + length() + " bytes)");
            cut(ctx);
        }
    }

    private String length() {
        return declared < 0 ? "a chunked body's" : Long.toString(declared);
    }

    /** Refuses a request from its headers: answers, then discards whatever body follows and closes. */
    private void refuse(ChannelHandlerContext ctx, FullHttpResponse response, boolean bodyFollows) {
        cancelClock();
        state = State.REFUSED;
        if (receiving != null) {
            receiving.release();
            receiving = null;
        }
        closing(response);
        if (bodyFollows) {
            ctx.writeAndFlush(response);
            ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Stops a request mid-body: answers 503 and closes; the aggregator drops what it held as the channel goes. */
    private void cut(ChannelHandlerContext ctx) {
        cancelClock();
        state = State.REFUSED;
        FullHttpResponse response = unavailable(request, ctx);
        closing(response);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void discard(ChannelHandlerContext ctx, Object msg) {
        boolean last = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (last) {
            ctx.close();
        }
    }

    private FullHttpResponse unavailable(HttpRequest r, ChannelHandlerContext ctx) {
        FullHttpResponse response =
                policy.unavailable().respond(r, ctx.channel().remoteAddress());
        if (!response.headers().contains(HttpHeaderNames.RETRY_AFTER)) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response;
    }

    private static void closing(FullHttpResponse response) {
        response.headers()
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text + "\r\n", CharsetUtil.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        return response;
    }

    private void report(ChannelHandlerContext ctx, Kind kind, String detail) {
        if (firstReport(ctx.channel())) {
            log.warn(kind, ctx.channel().remoteAddress(), detail);
        }
    }

    private void enterIdle(ChannelHandlerContext ctx) {
        state = State.IDLE;
        if (handshaken) {
            activity(ctx.channel(), Activity.IDLE);
        }
        cancel(idle);
        idle = ctx.executor()
                .schedule(
                        () -> {
                            if (state == State.IDLE) {
                                ctx.close();
                            }
                        },
                        limits.idleTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private void cancelClock() {
        cancel(deadline);
        cancel(tick);
        deadline = null;
        tick = null;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
