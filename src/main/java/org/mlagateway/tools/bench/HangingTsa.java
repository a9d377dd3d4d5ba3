package org.mlagateway.tools.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A time-stamping authority that accepts connections on loopback port 0 and never answers: what an
 * overloaded or wedged TSA looks like to the gateway. For benchmarks only.
 */
final class HangingTsa implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    HangingTsa() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::hold, "hanging-tsa");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/tsa");
    }

    private void hold() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                synchronized (held) {
                    held.add(s);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
