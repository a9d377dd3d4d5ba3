package org.mlagateway.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A response body read into memory up to a limit, and not one buffer further: a declared
 * {@code Content-Length} over the limit is refused before the body is read, and an undeclared body
 * that grows past it is cancelled as soon as it does, which makes the client close the connection.
 * {@link #abort()} cancels it from outside, for the attempt's deadline.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body went past the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final int limit;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes;
    private Flow.Subscription subscription;
    private IOException refused;

    private BoundedBody(int limit, int expected) {
        this.limit = limit;
        this.bytes = new ByteArrayOutputStream(Math.max(256, Math.min(expected, limit)));
    }

    /** A handler whose subscriber is also handed to {@code created}, so that the caller can abort it. */
    static HttpResponse.BodyHandler<byte[]> handler(int limit, Consumer<BoundedBody> created) {
        return info -> {
            OptionalLong declared = contentLength(info.headers());
            BoundedBody subscriber = new BoundedBody(limit, (int) Math.min(limit, declared.orElse(8192)));
            if (declared.isPresent() && declared.getAsLong() > limit) {
                subscriber.refuse(new TooLarge(
                        "the answer declares " + declared.getAsLong() + " bytes; at most " + limit + " are read"));
            }
            created.accept(subscriber);
            return subscriber;
        };
    }

    private static OptionalLong contentLength(HttpHeaders headers) {
        try {
            return headers.firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // the client refuses the framing itself
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        IOException early;
        synchronized (this) {
            subscription = s;
            early = refused;
        }
        if (early != null) {
            s.cancel();
            body.completeExceptionally(early);
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (buffer.remaining() > limit - bytes.size()) {
                refuse(new TooLarge("the answer is longer than " + limit + " bytes"));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    /** Stops reading: the deadline passed. */
    void abort() {
        refuse(new IOException("aborted at the attempt deadline"));
    }

    private void refuse(IOException why) {
        Flow.Subscription s;
        synchronized (this) {
            if (refused != null) {
                return;
            }
            refused = why;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
            body.completeExceptionally(why);
        }
    }
}
