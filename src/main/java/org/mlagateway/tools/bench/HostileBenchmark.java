package org.mlagateway.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlagateway.security.TlsContexts;

/**
 * {@code bench hostile}: a receiving gateway in a child JVM (small heap, and 1024 file descriptors
 * as in the reported incident) under two floods from this JVM on loopback, many large bodies that
 * stall just short of their end and many idle TLS connections beyond the listener's limit, while
 * a legitimate partner keeps delivering real signed and encrypted messages and a probe reads
 * {@code /health} on the internal listener. Bounded: the floods stop after {@code seconds}.
 * Prints one summary line on standard output; the details go to the progress stream.
 */
public final class HostileBenchmark {
    /** The bench's knobs; the defaults are the reported incident, small values a quick check. */
    public record Options(
            int seconds,
            int stalled,
            double stalledMegabytes,
            int idle,
            int floodAddresses,
            int legitimate,
            String heap,
            int fdLimit,
            Integer maxConnections) {
        public Options {
            if (seconds < 4
                    || stalled < 0
                    || idle < 0
                    || floodAddresses < 1
                    || floodAddresses > 250
                    || legitimate < 1) {
                throw new IllegalArgumentException("seconds >= 4, stalled >= 0, idle >= 0, 1..250 flood addresses and"
                        + " at least one legitimate message are needed");
            }
        }
    }

    private static final Duration HEALTH_EVERY = Duration.ofMillis(250);
    private static final int TRIES = 4;

    private final Options options;
    private final PrintStream out;
    private final PrintStream progress;

    public HostileBenchmark(Options options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    public int run() throws Exception {
        BenchDeployment world = BenchDeployment.create();
        Process child = null;
        try {
            progress.println("bench hostile: sealing " + options.legitimate() + " legitimate messages ...");
            List<BenchDeployment.Item> corpus = world.corpus(options.legitimate() + 1); // the first one warms up
            child = startChild(world);
            BufferedReader childOut =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String[] ready = awaitReady(childOut);
            URI exchange = URI.create(ready[1]);
            URI health = URI.create(ready[3]).resolve("/health");
            progress.printf(
                    Locale.ROOT,
                    "bench hostile: gateway up (max heap %d MB); flooding for %d s with %d stalled"
                            + " bodies of %.1f MB and %d idle TLS connections from %d addresses ...%n",
                    Long.parseLong(ready[2]) >> 20,
                    options.seconds(),
                    options.stalled(),
                    options.stalledMegabytes(),
                    options.idle(),
                    options.floodAddresses());
            return flood(world, corpus.subList(1, corpus.size()), corpus.get(0), exchange, health, child, childOut);
        } finally {
            if (child != null) {
                child.getOutputStream().close();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroy();
                }
            }
            TempDirectories.delete(world.dir);
        }
    }

    private int flood(
            BenchDeployment world,
            List<BenchDeployment.Item> corpus,
            BenchDeployment.Item warmUp,
            URI exchange,
            URI health,
            Process child,
            BufferedReader childOut)
            throws Exception {
        HttpClient partner = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.client(world.senderTls, world.receiverCa))
                .sslParameters(TlsContexts.clientParameters())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpClient probe = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        ConcurrentLinkedQueue<Long> healthMillis = new ConcurrentLinkedQueue<>();
        AtomicInteger healthFailures = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        // Before the flood: the first delivery and the first probe pay for class loading and JIT, not for the flood.
        if (deliver(partner, exchange, warmUp.sealed().bytes()) == 0
                || !probeHealth(probe, health, new ConcurrentLinkedQueue<>(), new AtomicInteger())) {
            throw new IllegalStateException("the gateway did not take a delivery or answer /health before the flood");
        }
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(options.seconds());
        try (Flood flood =
                new Flood(TlsContexts.client(world.senderTls, world.receiverCa), exchange, options.floodAddresses())) {
            flood.stalled(options.stalled(), (long) (options.stalledMegabytes() * 1_000_000));
            flood.idle(options.idle());
            Thread prober = new Thread(
                    () -> {
                        while (System.nanoTime() < end) {
                            probeHealth(probe, health, healthMillis, healthFailures);
                            pause(HEALTH_EVERY.toMillis());
                        }
                    },
                    "health-probe");
            prober.setDaemon(true);
            prober.start();
            // The partner starts once the floods are up, and spreads its messages over the rest of the window.
            pause(Math.min(3000, options.seconds() * 1000L / 4));
            long spacing = (end - System.nanoTime()) / 2 / corpus.size();
            for (BenchDeployment.Item item : corpus) {
                long due = System.nanoTime() + spacing;
                int tries = deliver(partner, exchange, item.sealed().bytes());
                if (tries > 0) {
                    accepted.incrementAndGet();
                    retried.addAndGet(tries > 1 ? 1 : 0);
                }
                pause(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
            prober.join(TimeUnit.NANOSECONDS.toMillis(Math.max(0, end - System.nanoTime())) + 15_000);
            progress.printf(
                    Locale.ROOT,
                    "bench hostile: flood: %d TLS handshakes, %d connections closed by the gateway"
                            + " without an answer; stalled bodies: the flood client read %d answers 503 (%d within"
                            + " %d ms of their head),"
                            + " %d other answers; %d flood connections open at the end (%.0f s)%n",
                    flood.handshakes.get(),
                    flood.closedByServer.get(),
                    flood.unavailable.get(),
                    flood.unavailableEarly.get(),
                    Flood.EARLY_MILLIS,
                    flood.otherAnswers.get(),
                    flood.openConnections(),
                    (System.nanoTime() - start) / 1e9);
        }
        String peaks = ask(child, childOut, "PEAK");
        String direct = ask(child, childOut, "DIRECT");
        boolean alive =
                child.isAlive() && probeHealth(probe, health, new ConcurrentLinkedQueue<>(), new AtomicInteger());
        long[] sorted =
                healthMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        progress.printf(
                Locale.ROOT,
                "bench hostile: legitimate: %d sent, %d accepted (%d after a retry); /health: %d"
                        + " probes, %d failed, p50 %.0f ms; child: at most %s of heap in use, at most %s of direct"
                        + " memory%n",
                corpus.size(),
                accepted.get(),
                retried.get(),
                sorted.length,
                healthFailures.get(),
                LoadClient.percentile(sorted, 0.5),
                megabytes(peaks, 2),
                megabytes(direct, 1));
        out.printf(
                Locale.ROOT,
                "hostile: %d/%d legitimate deliveries accepted during the flood, /health p99 %.0f ms,"
                        + " process %s%n",
                accepted.get(),
                corpus.size(),
                LoadClient.percentile(sorted, 0.99),
                alive ? "alive" : "DEAD");
        return accepted.get() == corpus.size() && alive && healthFailures.get() == 0 ? 0 : 1;
    }

    /**
     * Delivers one envelope as our own sender would: a 503 or a transport error is retried after
     * its {@code Retry-After} (at most {@link #TRIES} times). The number of tries it took, or 0.
     */
    private int deliver(HttpClient partner, URI exchange, byte[] envelope) {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            long wait = 1;
            try {
                HttpResponse<String> response = partner.send(
                        HttpRequest.newBuilder(exchange)
                                .header("Content-Type", "application/soap+xml; charset=UTF-8")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return attempt;
                }
                progress.println("bench hostile: legitimate delivery answered " + response.statusCode());
                wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                if (response.statusCode() != 503) {
                    return 0;
                }
            } catch (IOException e) {
                progress.println("bench hostile: legitimate delivery failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            pause(Math.min(5, wait) * 1000);
        }
        return 0;
    }

    private static boolean probeHealth(
            HttpClient probe, URI health, ConcurrentLinkedQueue<Long> millis, AtomicInteger failures) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<Void> response = probe.send(
                    HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            millis.add(System.nanoTime() - t0);
            if (response.statusCode() == 200) {
                return true;
            }
        } catch (IOException e) {
            millis.add(System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failures.incrementAndGet();
        return false;
    }

    /** The gateway in a child JVM, from its sample configuration (with the external connection limit, if given). */
    private Process startChild(BenchDeployment world) throws IOException {
        Path yaml = world.keys.resolve("kz-gpo").resolve("gateway.yaml");
        if (options.maxConnections() != null) {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            ObjectNode root = (ObjectNode) mapper.readTree(yaml.toFile());
            ((ObjectNode) root.path("listeners").path("external"))
                    .putObject("limits")
                    .put("maxConnections", options.maxConnections());
            yaml = yaml.resolveSibling("gateway-hostile.yaml");
            mapper.writeValue(yaml.toFile(), root);
        }
        List<String> command = new ArrayList<>();
        if (options.fdLimit() > 0 && Files.isExecutable(Path.of("/bin/sh"))) {
            command.addAll(List.of("/bin/sh", "-c", "ulimit -n " + options.fdLimit() + " && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + options.heap(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dmlagateway.log.level=WARN",
                LargeReceiver.class.getName(),
                yaml.toString(),
                world.dir.resolve("kz-data").toString()));
        progress.println("bench hostile: starting the gateway in a child JVM with -Xmx" + options.heap()
                + (options.fdLimit() > 0 ? " and ulimit -n " + options.fdLimit() : "") + " ...");
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String[] awaitReady(BufferedReader childOut) throws IOException {
        String line = childOut.readLine();
        while (line != null && !line.startsWith("READY ")) {
            line = childOut.readLine();
        }
        if (line == null) {
            throw new IllegalStateException("the gateway did not start");
        }
        return line.split(" ");
    }

    private static String ask(Process child, BufferedReader childOut, String question) {
        if (!child.isAlive()) {
            return null;
        }
        try {
            Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            in.write(question + "\n");
            in.flush();
            String answer = childOut.readLine();
            return answer != null && answer.startsWith(question + " ") ? answer : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The {@code field}-th number of a child's answer line, in MB. */
    private static String megabytes(String answer, int field) {
        if (answer == null) {
            return "unknown";
        }
        return (Long.parseLong(answer.split(" ")[field]) >> 20) + " MB";
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
