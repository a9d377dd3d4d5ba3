package org.mlagateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.IssuedKey;

/**
 * A partner endpoint that answers badly on purpose, written at the socket level so that it can do
 * what no HTTP server library lets one do: stream an endless body, drip one byte at a time, never
 * answer, or send a fault no correct stack would. It listens on a free loopback port with TLS,
 * using a partner's TLS key from a deployment generated in code, so the sender trusts it as that
 * partner. Each request takes the next scripted {@link Behaviour}, then the default one; every
 * exchange is recorded ({@link Served}) so tests can see how far a hostile answer got.
 */
public final class HostilePartner implements AutoCloseable {
    /** What to do with one request, once its headers and body have been read. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(byte[] request, Socket socket, Served served) throws IOException, InterruptedException;
    }

    /** One exchange as the server saw it. Fields fill in as it goes. */
    public static final class Served {
        public final Instant started = Instant.now();
        private final AtomicLong bodyBytes = new AtomicLong();
        private volatile Instant ended;
        private volatile boolean cutByClient;

        /** Body bytes written to the socket so far (only counted by the streaming behaviours). */
        public long bodyBytes() {
            return bodyBytes.get();
        }

        /** When the exchange ended, null while it runs. */
        public Instant ended() {
            return ended;
        }

        /** True when the client closed the connection before the server was done. */
        public boolean cutByClient() {
            return cutByClient;
        }
    }

    private static final String SOAP = "application/soap+xml; charset=UTF-8";
    private static final int MAX_HEAD = 64 * 1024;

    private final SSLServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-partner");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Behaviour> script = new ArrayDeque<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final String path;
    private volatile Behaviour otherwise;

    public HostilePartner(IssuedKey tlsKey, String path, Behaviour otherwise) {
        this.path = path;
        this.otherwise = otherwise;
        try {
            SSLContext tls = TlsContexts.client(tlsKey, List.of());
            server = (SSLServerSocket)
                    tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptLoop);
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** The next requests get these behaviours, in order; later ones get the default. */
    public synchronized HostilePartner script(Behaviour... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    public void otherwise(Behaviour behaviour) {
        this.otherwise = behaviour;
    }

    /** Every exchange so far, oldest first. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    public int requests() {
        return served.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        Served exchange = new Served();
        try (socket) {
            socket.setSendBufferSize(16 * 1024); // keep what sits in buffers small next to what was refused
            byte[] request = readRequest(socket.getInputStream());
            if (request == null) {
                return;
            }
            Behaviour behaviour;
            synchronized (this) {
                behaviour = script.isEmpty() ? otherwise : script.poll();
            }
            served.add(exchange);
            behaviour.answer(request, socket, exchange);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            exchange.cutByClient = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.ended = Instant.now();
            open.remove(socket);
        }
    }

    /** The request body, or null if the client went away first. Handles Content-Length framing only. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too long");
            }
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return in.readNBytes(Math.toIntExact(length));
    }

    // --- behaviours ---

    /** A complete answer with this status, extra headers and body; the connection closes after it. */
    public static Behaviour answer(int status, Map<String, String> headers, byte[] body) {
        return (request, socket, served) -> {
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("HTTP/1.1 ")
                    .append(status)
                    .append(" X\r\n")
                    .append("Content-Type: ")
                    .append(SOAP)
                    .append("\r\n")
                    .append("Content-Length: ")
                    .append(body.length)
                    .append("\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
        };
    }

    /** 200 with a body of {@code size} generated bytes and no Content-Length: it ends when the connection does. */
    public static Behaviour endlessBody(long size) {
        return (request, socket, served) -> {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + SOAP + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = "<x>".repeat(16 * 1024 / 3).getBytes(StandardCharsets.US_ASCII);
            while (served.bodyBytes.get() < size) {
                int n = (int) Math.min(chunk.length, size - served.bodyBytes.get());
                out.write(chunk, 0, n);
                served.bodyBytes.addAndGet(n);
            }
        };
    }

    /** 200 that promises a small body (4 KiB) and sends one byte of it every {@code interval}. */
    public static Behaviour drip(Duration interval) {
        return (request, socket, served) -> {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + SOAP + "\r\nContent-Length: 4096\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = 0; i < 4096; i++) {
                out.write('<');
                out.flush();
                served.bodyBytes.incrementAndGet();
                TimeUnit.MILLISECONDS.sleep(interval.toMillis()); // the partner's pace, not a test wait
            }
        };
    }

    /** Never answers: waits until the client gives up and closes the connection. */
    public static Behaviour silence() {
        return (request, socket, served) -> {
            while (socket.getInputStream().read() >= 0) {
                // whatever the client sends, no answer
            }
            served.cutByClient = true;
        };
    }

    /** Holds the request until {@code release} opens, then answers with {@code then}. */
    public static Behaviour hold(CountDownLatch release, Behaviour then) {
        return (request, socket, served) -> {
            release.await();
            then.answer(request, socket, served);
        };
    }

    /** Passes the request to the real partner and returns its answer. */
    public static Behaviour forwardTo(PartnerClient forwarder, URI real) {
        return (request, socket, served) -> {
            HttpResponse<String> answer = forwarder.post(real, request);
            answer(answer.statusCode(), Map.of(), answer.body().getBytes(StandardCharsets.UTF_8))
                    .answer(request, socket, served);
        };
    }

    /** A SOAP 1.2 fault with this subcode text, ErrorDetail code, Retryable value and Reason, all as given. */
    public static byte[] fault(String soapCode, String code, String retryable, String reason) {
        return ("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""
                        + " xmlns:exc=\"urn:mla-gateway:exchange:1\"><soap:Body><soap:Fault><soap:Code><soap:Value>"
                        + soapCode + "</soap:Value><soap:Subcode><soap:Value>exc:" + code
                        + "</soap:Value></soap:Subcode>"
                        + "</soap:Code><soap:Reason><soap:Text xml:lang=\"en\">" + reason + "</soap:Text></soap:Reason>"
                        + "<soap:Detail><exc:ErrorDetail><exc:Code>" + code + "</exc:Code><exc:CorrelationId>c-1"
                        + "</exc:CorrelationId><exc:Retryable>" + retryable + "</exc:Retryable></exc:ErrorDetail>"
                        + "</soap:Detail></soap:Fault></soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
