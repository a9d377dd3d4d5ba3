package org.mlagateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.IssuedKey;

/**
 * A partner endpoint that misbehaves on command: it answers with a scripted sequence of failures
 * (503, a retryable or a final fault, or a lost receipt: forwarded to the real partner but answered
 * 503) and then passes requests through to the real partner. It uses the real partner's TLS key,
 * so the sender sees nothing but the failures.
 */
public final class FlakyPartner implements AutoCloseable {
    /** What to do with one request. */
    public enum Step {
        UNAVAILABLE_503,
        RETRYABLE_FAULT,
        FINAL_FAULT,
        LOSE_RECEIPT
    }

    private final HttpsServer server;
    private final PartnerClient forwarder;
    private final URI real;
    private final Deque<Step> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();

    public FlakyPartner(IssuedKey tlsKey, PartnerClient forwarder, URI real) throws IOException {
        this.forwarder = forwarder;
        this.real = real;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext tls = TlsContexts.client(tlsKey, java.util.List.of());
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    public synchronized void script(Step... steps) {
        script.addAll(java.util.List.of(steps));
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + real.getPath());
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Step step;
        synchronized (this) {
            step = script.poll();
        }
        if (step == null) {
            HttpResponse<String> answer = forwarder.post(real, body);
            reply(exchange, answer.statusCode(), answer.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        switch (step) {
            case UNAVAILABLE_503 -> reply(exchange, 503, "busy".getBytes(StandardCharsets.UTF_8));
            case RETRYABLE_FAULT -> reply(exchange, 500, fault("TemporarilyUnavailable", true));
            case FINAL_FAULT -> reply(exchange, 500, fault("SchemaInvalid", false));
            case LOSE_RECEIPT -> {
                forwarder.post(real, body);
                reply(exchange, 503, "receipt lost".getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalStateException();
        }
    }

    private static byte[] fault(String code, boolean retryable) {
        return ("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""
                        + " xmlns:exc=\"urn:mla-gateway:exchange:1\">"
                        + "<soap:Body><soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value>"
                        + "<soap:Subcode><soap:Value>exc:"
                        + code
                        + "</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text"
                        + " xml:lang=\"en\">x</soap:Text>"
                        + "</soap:Reason><soap:Detail><exc:ErrorDetail><exc:Code>" + code
                        + "</exc:Code><exc:CorrelationId>c"
                        + "</exc:CorrelationId><exc:Retryable>" + retryable
                        + "</exc:Retryable></exc:ErrorDetail></soap:Detail>"
                        + "</soap:Fault></soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
