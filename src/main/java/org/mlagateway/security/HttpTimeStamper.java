package org.mlagateway.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.TimeStamper;

/**
 * RFC 3161 over HTTP (§3.4): POST a TimeStampReq, read a TimeStampResp, check it answers ours. One
 * deadline bounds the whole request (connecting, sending, and reading the complete answer), so an
 * authority that accepts and never answers, or trickles its answer, costs at most {@code timeout}.
 * Answers larger than {@value #MAX_ANSWER_BYTES} bytes are refused as they arrive.
 */
public final class HttpTimeStamper implements TimeStamper {
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final String QUERY = "application/timestamp-query";

    private final URI url;
    private final X509Certificate certificate;
    private final Duration timeout;
    private final HttpClient client;
    private final SecureRandom random = new SecureRandom();

    public HttpTimeStamper(URI url, X509Certificate certificate, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public CompletableFuture<byte[]> timestamp(byte[] sha256Imprint) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256Imprint, new BigInteger(64, random));
        byte[] encoded;
        try {
            encoded = request.getEncoded();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new StoreException("cannot encode a time-stamp request", e));
        }
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", QUERY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded))
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(post, info -> new CappedBody(MAX_ANSWER_BYTES));
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pending.whenComplete((reply, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                answer.completeExceptionally(new StoreException(
                        where() + ": request failed (" + cause.getClass().getSimpleName() + ")", cause));
                return;
            }
            try {
                answer.complete(token(request, reply));
            } catch (StoreException e) {
                answer.completeExceptionally(e);
            }
        });
        // One deadline for all of it: a trickling answer must not outlive it.
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((token, failure) -> {
            if (failure != null) {
                pending.cancel(true);
            }
        });
        return answer.handle((token, failure) -> {
            if (failure instanceof TimeoutException) {
                throw new StoreException(where() + ": no complete answer within " + timeout.toMillis() + " ms");
            }
            if (failure != null) {
                throw failure instanceof StoreException s ? s : new StoreException(where() + ": " + failure, failure);
            }
            return token;
        });
    }

    private byte[] token(TimeStampRequest request, HttpResponse<byte[]> reply) {
        if (reply.statusCode() != 200) {
            throw new StoreException(where() + " answered HTTP " + reply.statusCode());
        }
        try {
            TimeStampResponse response = new TimeStampResponse(reply.body());
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new StoreException(where() + " refused: status " + response.getStatus());
            }
            return token.getEncoded();
        } catch (IOException | TSPException | RuntimeException e) {
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException(
                    where() + ": unusable answer (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The authority as logs may name it: host and port, without any credentials in the URL. */
    private String where() {
        return "time-stamping authority " + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public List<X509Certificate> certificates() {
        return List.of(certificate);
    }

    /** Collects an answer body, failing as soon as it grows beyond the limit. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (bytes.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("answer larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
