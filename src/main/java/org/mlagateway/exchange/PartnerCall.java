package org.mlagateway.exchange;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * One POST of a sealed envelope to a partner, under a hard deadline that covers connecting, the TLS
 * handshake, sending and reading the whole answer, and with the answer read only up to a limit. The
 * JDK client's own request timeout stops at the response headers, so a partner that drips its body
 * would otherwise hold the worker as long as it likes. At the deadline the exchange is cancelled,
 * which closes the connection.
 */
final class PartnerCall {
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml; charset=UTF-8";
    /** The longest part of a transport error's message we keep: it may quote what the partner sent. */
    private static final int MAX_ERROR_TEXT = 200;

    /** The partner's complete answer, at most the response limit. */
    record Answer(int status, byte[] body, Optional<Duration> retryAfter) {}

    private final Duration deadline;
    private final int maxResponseBytes;
    private final Clock clock;
    private final Set<Running> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    PartnerCall(Duration deadline, int maxResponseBytes, Clock clock) {
        this.deadline = deadline;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
    }

    /**
     * The answer; or a {@link GatewayException} with {@code PartnerTimeout} (the deadline passed),
     * {@code ResponseTooLarge} (the answer is over the limit) or {@code TransportFailed}.
     */
    Answer post(PartnerEndpoint partner, byte[] envelope) {
        return post(partner, envelope, SOAP_CONTENT_TYPE);
    }

    /** As {@link #post(PartnerEndpoint, byte[])}, for a body of another type (an AS4 MIME package). */
    Answer post(PartnerEndpoint partner, byte[] envelope, String contentType) {
        return post(partner, HttpRequest.BodyPublishers.ofByteArray(envelope), contentType, deadline);
    }

    /**
     * A delivery with documents as parts, streamed: the body is read from its first byte for this
     * request (a retry is a new request, so it starts again from the start), with a deadline
     * grown by the body's length ({@code sending.minBytesPerSecond}).
     */
    Answer post(PartnerEndpoint partner, PartsRequest parts, Duration partsDeadline) {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(parts::body), parts.length());
        return post(partner, body, parts.contentType(), partsDeadline);
    }

    private Answer post(
            PartnerEndpoint partner, HttpRequest.BodyPublisher body, String contentType, Duration deadline) {
        HttpRequest request = HttpRequest.newBuilder(partner.endpoint())
                .timeout(deadline)
                .header("Content-Type", contentType)
                .POST(body)
                .build();
        Running running = new Running();
        running.call = partner.client().sendAsync(request, BoundedBody.handler(maxResponseBytes, running.body::set));
        inFlight.add(running);
        try {
            if (closed) {
                running.stop();
            }
            HttpResponse<byte[]> response = running.call.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant()));
        } catch (TimeoutException e) {
            running.stop();
            throw new GatewayException(ErrorCode.PARTNER_TIMEOUT, "no complete answer within " + deadline);
        } catch (CancellationException e) {
            throw new GatewayException(ErrorCode.TRANSPORT_FAILED, "cut short: the gateway is stopping");
        } catch (InterruptedException e) {
            running.stop();
            Thread.currentThread().interrupt();
            throw new GatewayException(ErrorCode.TRANSPORT_FAILED, "interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), deadline);
        } finally {
            inFlight.remove(running);
        }
    }

    /**
     * Cuts every exchange in flight and refuses new ones: the gateway is stopping. The workers'
     * threads are not interrupted for this, since an interrupt during a database write closes an
     * embedded H2 store.
     */
    void close() {
        closed = true;
        inFlight.forEach(Running::stop);
    }

    /** One exchange in flight: its future, and its body once the headers are in. */
    private static final class Running {
        private volatile CompletableFuture<HttpResponse<byte[]>> call;
        private final AtomicReference<BoundedBody> body = new AtomicReference<>();

        /** Cancels the exchange (the client then closes the connection) and the body, whichever is running. */
        void stop() {
            CompletableFuture<?> c = call;
            if (c != null) {
                c.cancel(true);
            }
            BoundedBody b = body.get();
            if (b != null) {
                b.abort();
            }
        }
    }

    private static GatewayException failure(Throwable cause, Duration deadline) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BoundedBody.TooLarge) {
                return new GatewayException(ErrorCode.RESPONSE_TOO_LARGE, t.getMessage());
            }
            if (t instanceof HttpTimeoutException) {
                return new GatewayException(ErrorCode.PARTNER_TIMEOUT, "no answer within " + deadline);
            }
        }
        String what = cause == null ? "unknown" : cause.getClass().getSimpleName();
        String message = cause == null ? null : PartnerText.clean(cause.getMessage(), MAX_ERROR_TEXT);
        return new GatewayException(
                ErrorCode.TRANSPORT_FAILED,
                message == null ? what : what + ": " + message,
                cause instanceof IOException ? null : cause);
    }
}
