package org.mlagateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.mlagateway.security.pki.IssuedKey;

/**
 * A small RFC 3161 time-stamping authority over real HTTP on loopback port 0, built with
 * BouncyCastle's generators, that can also misbehave: {@link Mode#HANG} accepts a request and never
 * answers, {@link Mode#GARBAGE} answers 200 with bytes that are no TimeStampResp, and {@link #down()}
 * closes its port until {@link #up()} opens the same port again. It counts the requests it received
 * and the tokens it granted, each before it writes the answer.
 */
public final class TestTsa implements AutoCloseable {
    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");

    /** How the authority answers. */
    public enum Mode {
        ANSWER,
        HANG,
        GARBAGE
    }

    private final TimeStampResponseGenerator generator;
    private final AtomicLong serial = new AtomicLong();
    private final int port;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-tsa");
        t.setDaemon(true);
        return t;
    });
    private volatile Mode mode = Mode.ANSWER;
    private volatile CountDownLatch hung = new CountDownLatch(1);
    private HttpServer server;
    /** Requests received, in any mode. */
    public final AtomicInteger received = new AtomicInteger();
    /** Tokens granted. */
    public final AtomicInteger answered = new AtomicInteger();

    public TestTsa(IssuedKey key) throws Exception {
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", key.privateKey(), key.certificate()),
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                POLICY);
        tokens.addCertificates(new JcaCertStore(List.of(key.certificate())));
        generator = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        server = bind(0);
        port = server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/tsa");
    }

    /** From now on, answers this way; a request hanging so far is let go (without an answer). */
    public TestTsa mode(Mode next) {
        mode = next;
        if (next != Mode.HANG) {
            hung.countDown();
            hung = new CountDownLatch(1);
        }
        return this;
    }

    /** Closes the port: connections are refused. */
    public synchronized void down() {
        server.stop(0);
        hung.countDown();
    }

    /** Opens the same port again, answering in the current mode. */
    public synchronized void up() throws IOException {
        server = bind(port);
    }

    private HttpServer bind(int on) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 0);
        s.createContext("/tsa", this::answer);
        s.setExecutor(handlers);
        s.start();
        return s;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] request = in.readAllBytes();
            received.incrementAndGet();
            switch (mode) {
                case HANG -> hang();
                case GARBAGE -> send(exchange, "this is no time-stamp response".getBytes(StandardCharsets.US_ASCII));
                case ANSWER -> {
                    TimeStampResponse response = generator.generate(
                            new TimeStampRequest(request), BigInteger.valueOf(serial.incrementAndGet()), new Date());
                    answered.incrementAndGet();
                    send(exchange, response.getEncoded());
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
        }
    }

    private void hang() throws InterruptedException {
        hung.await();
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public synchronized void close() {
        hung.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
