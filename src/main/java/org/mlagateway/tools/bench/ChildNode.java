package org.mlagateway.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link ClusterNode} in a child JVM, restartable with the same arguments, so that a node can
 * be killed with SIGKILL and come back under the same node id. It counts the messages the node
 * reports committed ({@code SUBMITTED} lines) and remembers how many it was asked for, so that a
 * caller can ask the next life again for what a killed one did not do. Its standard error goes to
 * a file, kept for the report when something is left undelivered.
 */
final class ChildNode {
    private static final Duration READY_WAIT = Duration.ofSeconds(90);

    final String name;
    final String nodeId;
    private final List<String> command;
    private final Path errors;
    /** Messages this node committed, over all its lives. */
    final AtomicInteger submitted = new AtomicInteger();
    /** Messages this node was asked for, over all its lives. */
    private int asked;

    private Process process;
    private Writer in;

    private ChildNode(String name, String nodeId, List<String> command, Path errors) {
        this.name = name;
        this.nodeId = nodeId;
        this.command = command;
        this.errors = errors;
    }

    /**
     * A node of {@code authority}'s sample configuration, storing in {@code schema}, listening on
     * {@code port} (0: any); with {@code peerUrl}, a sender delivering there.
     */
    static ChildNode of(
            String name,
            String nodeId,
            Path yaml,
            Path dataDir,
            String jdbcUrl,
            String schema,
            int port,
            String peerUrl) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterNode.class.getName(),
                yaml.toString(),
                dataDir.toString(),
                jdbcUrl,
                schema,
                nodeId,
                Integer.toString(port)));
        if (peerUrl != null) {
            command.add(peerUrl);
        }
        return new ChildNode(name, nodeId, List.copyOf(command), dataDir.resolveSibling(name + ".err"));
    }

    /** Starts a life of the node and waits until it says it is ready. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
                .start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        CountDownLatch ready = new CountDownLatch(1);
        Process p = process;
        Thread reader = new Thread(() -> read(p, ready), name + "-out");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(READY_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                    name + " did not start within " + READY_WAIT + "; its stderr ends: " + tail(errors));
        }
    }

    private void read(Process p, CountDownLatch ready) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    ready.countDown();
                } else if (line.startsWith("SUBMITTED ")) {
                    submitted.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // killed
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Asks the node to submit n messages. */
    void submit(int n) {
        asked += n;
        try {
            in.write("SUBMIT " + n + "\n");
            in.flush();
        } catch (IOException e) {
            // killed meanwhile: the next life is asked again
        }
    }

    /** How many it was asked for and has not (yet) committed. */
    int pending() {
        return asked - submitted.get();
    }

    /** SIGKILL; what this life was asked and did not commit is forgotten, to be asked of another. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        asked = submitted.get();
    }

    /** Closes its standard input, which stops it cleanly, or kills it after 30 s. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // gone already
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    static String tail(Path file) {
        try {
            String text = Files.readString(file);
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
