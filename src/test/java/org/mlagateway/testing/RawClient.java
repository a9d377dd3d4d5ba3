package org.mlagateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection on a real socket, written byte by byte as a hostile or slow client would:
 * headers without a body, a body at a chosen pace, from a chosen loopback address (127.0.0.2 and
 * up reach a listener on 127.0.0.1 under Linux, so tests can be several remote addresses). Tells
 * what the server answered and whether it closed the connection.
 */
public final class RawClient implements AutoCloseable {
    /** What the server answered. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private long sent;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** A plain TCP connection from {@code from} (null: the default address). */
    public static RawClient plain(String from, int port) {
        try {
            Socket socket = new Socket();
            if (from != null) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TLS connection from {@code from}, its handshake complete. */
    public static RawClient tls(String from, int port, SSLContext context) {
        try {
            Socket tcp = new Socket();
            if (from != null) {
                tcp.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            }
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request's head: {@code POST path} with these extra header lines and Content-Length. */
    public RawClient head(String method, String path, long contentLength, String... headerLines) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        return raw(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    public RawClient raw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code bytes} of body ('x'), in pieces of {@code piece} bytes, each after {@code pause}. */
    public RawClient body(long bytes, int piece, Duration pause) {
        byte[] chunk = new byte[piece];
        java.util.Arrays.fill(chunk, (byte) 'x');
        long left = bytes;
        while (left > 0) {
            int n = (int) Math.min(piece, left);
            if (!pause.isZero()) {
                pause(pause);
            }
            try {
                out.write(chunk, 0, n);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sent += n;
            left -= n;
        }
        return this;
    }

    /** Like {@link #body}, but stops quietly once the server has closed the connection; returns the bytes sent. */
    public long bodyUntilRefused(long bytes, int piece, Duration pause) {
        try {
            body(bytes, piece, pause);
        } catch (UncheckedIOException e) {
            // the server answered and closed while we were still sending
        }
        return sent;
    }

    /** Body bytes sent so far. */
    public long sent() {
        return sent;
    }

    /** Reads the final answer, skipping interim (1xx) ones. */
    public Answer answer() {
        Answer answer = next();
        while (answer.status() >= 100 && answer.status() < 200) {
            answer = next();
        }
        return answer;
    }

    /** Reads one answer, interim or final (its body by Content-Length). */
    public Answer next() {
        try {
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("the server closed the connection without an answer");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closes the connection within {@code within} (true on EOF or reset, false on timeout). */
    public boolean closedByServer(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.US_ASCII);
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    /** Closes with a TCP reset, as a killed process's connection ends. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
