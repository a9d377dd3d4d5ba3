package org.mlagateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of a server (PostgreSQL, for outage tests): {@link #cut()} closes
 * every connection through it and refuses new ones, as a database that went away; {@link #restore()}
 * listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    /** The next connection is closed after this many bytes from its client; negative for none. */
    private final java.util.concurrent.atomic.AtomicLong cutAfter = new java.util.concurrent.atomic.AtomicLong(-1);

    /** The next connection loses its answer once its client has sent this many bytes; negative for none. */
    private final java.util.concurrent.atomic.AtomicLong dropAnswerAfter =
            new java.util.concurrent.atomic.AtomicLong(-1);

    private final java.util.concurrent.atomic.AtomicInteger connections =
            new java.util.concurrent.atomic.AtomicInteger();

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
    }

    public int port() {
        return port;
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
        Thread t = new Thread(() -> accept(s), "tcp-proxy");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                connections.incrementAndGet();
                long dropAfter = dropAnswerAfter.getAndSet(-1);
                java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
                pipe(client, target, cutAfter.getAndSet(-1), sent, null);
                pipe(target, client, -1, null, dropAfter < 0 ? null : () -> sent.get() >= dropAfter);
            } catch (IOException e) {
                // closed by cut(), or the target refused
            }
        }
    }

    /** Copies {@code from} to {@code to}; closes both after {@code limit} bytes unless it is negative. */
    /**
     * Copies {@code from} to {@code to}, counting into {@code count} when given; closes both after
     * {@code limit} bytes unless it is negative, or instead of copying once {@code drop} says so.
     */
    private void pipe(
            Socket from,
            Socket to,
            long limit,
            java.util.concurrent.atomic.AtomicLong count,
            java.util.function.BooleanSupplier drop) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    long copied = 0;
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            if (drop != null && drop.getAsBoolean()) {
                                break;
                            }
                            out.write(buffer, 0, n);
                            copied += n;
                            if (count != null) {
                                count.addAndGet(n);
                            }
                            if (limit >= 0 && copied >= limit) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        // cut
                    } finally {
                        close(from);
                        close(to);
                    }
                },
                "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The next connection is cut (both ways) once its client has sent {@code bytes}: a connection
     * that breaks mid-request. Later connections pass whole.
     */
    public void cutNextConnectionAfter(long bytes) {
        cutAfter.set(bytes);
    }

    /**
     * The next connection loses the server's answer: once its client has sent {@code bytes} (the
     * whole request), whatever the server sends is dropped and the connection closed, as an
     * answer lost on the way after the server acted on the request.
     */
    public void dropNextAnswerAfter(long bytes) {
        dropAnswerAfter.set(bytes);
    }

    /** How many connections the proxy has taken. */
    public int connections() {
        return connections.get();
    }

    /** Closes every connection and stops listening. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    /**
     * Closes every connection but keeps listening, so the clients' next connection opens afresh. Unlike
     * {@link #cut()} and {@link #restore()}, the port is never let go, so no other socket can take it between.
     */
    public synchronized void dropConnections() {
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restore() throws IOException {
        server = listen(port);
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
