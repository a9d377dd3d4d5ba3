package org.mlagateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback SMTP server on port 0 for tests (RFC 5321, the commands a client sends for one plain mail:
 * EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). It keeps each accepted mail's data; when told to
 * refuse, it answers DATA's end with 554, so the client's mail is not accepted.
 */
public final class SmtpSink implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final List<String> mails = new CopyOnWriteArrayList<>();
    private volatile boolean refuse;

    public SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "smtp-sink");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The data of every mail accepted so far. */
    public List<String> mails() {
        return List.copyOf(mails);
    }

    public void refuse(boolean refuse) {
        this.refuse = refuse;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s);
            } catch (IOException e) {
                // the client went away, or the sink was closed
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        reply(out, "220 sink ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.length() < 4
                    ? line.toUpperCase()
                    : line.substring(0, 4).toUpperCase();
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 sink");
                case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 go on");
                    StringBuilder data = new StringBuilder();
                    for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                        data.append(d.startsWith("..") ? d.substring(1) : d).append('\n');
                    }
                    if (refuse) {
                        reply(out, "554 refused");
                    } else {
                        mails.add(data.toString());
                        reply(out, "250 accepted");
                    }
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
