package org.mlagateway.security;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.TimeStamper;

/** RFC 3161 over HTTP (§3.4): POST a TimeStampReq, read a TimeStampResp, check it answers ours. */
public final class HttpTimeStamper implements TimeStamper {
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
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public byte[] timestamp(byte[] sha256Imprint) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256Imprint,
                new BigInteger(64, random));
        try {
            HttpRequest post = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", QUERY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build();
            HttpResponse<byte[]> reply = client.send(post, HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw new StoreException("time-stamping authority answered HTTP " + reply.statusCode());
            }
            TimeStampResponse response = new TimeStampResponse(reply.body());
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new StoreException("time-stamping authority refused: status " + response.getStatus());
            }
            return token.getEncoded();
        } catch (IOException | TSPException e) {
            throw new StoreException("time-stamping authority request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the time-stamping authority", e);
        }
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }
}
