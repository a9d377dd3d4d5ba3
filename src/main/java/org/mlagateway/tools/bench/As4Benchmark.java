package org.mlagateway.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.mlagateway.Gateway;
import org.mlagateway.exchange.As4Inbound;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.TlsContexts;

/**
 * {@code bench as4}: our AS4 inbound path ({@code /as4} of a KZ-GPO gateway, mutual TLS, each
 * message committed to its store before the receipt goes back) beside phase4's own AS4 receiver
 * (its managers in memory, nothing stored, plain HTTP on loopback), on this machine in one run.
 * phase4 is a test dependency and stays off the gateway's class path: it runs in a child JVM
 * ({@code Phase4Peer} in the test classes) on the test class path Maven writes to
 * {@value #CLASSPATH_FILE}. That JVM first builds, with phase4's own client as RU-GPO, every
 * message signed and encrypted for KZ-GPO; each receiver then takes the same messages, closed loop,
 * at each concurrency in turn, after a warm-up. An answer counts when its status is 200, and a
 * sample of them must be receipts.
 */
public final class As4Benchmark {
    static final String CLASSPATH_FILE = "target/bench-lib/test.classpath";
    static final String PEER_CLASS = "org.mlagateway.tools.bench.Phase4Peer";
    private static final int WARMUP = 30;

    /** One concurrency: both receivers' runs. */
    public record Level(int connections, LoadClient.Result ours, LoadClient.Result phase4) {
        double ratio() {
            return phase4.perSecond() == 0 ? 0 : ours.perSecond() / phase4.perSecond();
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "bench as4: C=%-2d ours %6.1f msg/s p50 %6.1f ms p99 %6.1f ms | phase4 %6.1f msg/s p50 %6.1f ms"
                            + " p99 %6.1f ms | ours/phase4 %.2f",
                    connections,
                    ours.perSecond(),
                    ours.p50Ms(),
                    ours.p99Ms(),
                    phase4.perSecond(),
                    phase4.p50Ms(),
                    phase4.p99Ms(),
                    ratio());
        }
    }

    /** The outcome; {@link #line()} is the summary line. */
    public record Result(List<Level> levels, int messages, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String line() {
            int oursOk = levels.stream().mapToInt(l -> l.ours().ok()).sum();
            int phase4Ok = levels.stream().mapToInt(l -> l.phase4().ok()).sum();
            return String.format(
                    Locale.ROOT,
                    "as4: ours/phase4 msg/s %s; %d/%d and %d/%d answered 200 (ours durable, phase4 in memory)%s",
                    levels.stream()
                            .map(l -> String.format(Locale.ROOT, "%.2f at C=%d", l.ratio(), l.connections()))
                            .collect(Collectors.joining(", ")),
                    oursOk,
                    messages,
                    phase4Ok,
                    messages,
                    problems.isEmpty() ? "" : "; PROBLEMS: " + String.join("; ", problems));
        }
    }

    private final Path home;
    private final List<Integer> concurrencies;
    private final int perLevel;
    private final PrintStream progress;

    /** {@code home}: the project directory, where the test classes and {@value #CLASSPATH_FILE} are. */
    public As4Benchmark(Path home, List<Integer> concurrencies, int perLevel, PrintStream progress) {
        this.home = home;
        this.concurrencies = List.copyOf(concurrencies);
        this.perLevel = perLevel;
        this.progress = progress;
    }

    /** The child JVM's class path, or an exception saying how to get it. */
    static String peerClassPath(Path home) throws IOException {
        Path testClasses = home.resolve("target/test-classes");
        Path list = home.resolve(CLASSPATH_FILE);
        if (!Files.isRegularFile(testClasses.resolve(PEER_CLASS.replace('.', '/') + ".class"))
                || !Files.isRegularFile(list)) {
            throw new IllegalStateException("bench as4 needs phase4, a test dependency, which it runs in a child JVM"
                    + " from " + testClasses + " and the class path in " + list + "; neither is in a release."
                    + " Build them in the source tree with: mvn -o test-compile");
        }
        return testClasses + java.io.File.pathSeparator + Files.readString(list).strip();
    }

    public Result run() throws Exception {
        String classPath = peerClassPath(home);
        BenchDeployment world = BenchDeployment.create();
        Process peer = null;
        Gateway gateway = null;
        try {
            asAs4Partner(world.keys.resolve("kz-gpo/gateway.yaml"), BenchDeployment.SENDER);
            int total = WARMUP + perLevel * concurrencies.size();
            Path payloads = Files.createDirectories(world.dir.resolve("payloads"));
            gateway = Gateway.start(world.config("kz-gpo", world.dir.resolve("kz-data")), Clock.systemUTC());
            ExampleMessages examples = new ExampleMessages(gateway.codec());
            for (int i = 0; i < total; i++) {
                // A request for legal assistance, the kind the AS4 action MLA_REQUEST names.
                Message m = examples.request("mla-request.xml", BenchDeployment.SENDER, BenchDeployment.RECEIVER);
                Files.write(
                        payloads.resolve(String.format(Locale.ROOT, "%06d.xml", i)),
                        gateway.codec().write(m));
            }
            progress.println("bench as4: phase4 builds " + total + " signed and encrypted messages ...");
            Path built = world.dir.resolve("built");
            Path errors = world.dir.resolve("phase4.err");
            peer = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-cp",
                            classPath,
                            PEER_CLASS,
                            world.keys.toString(),
                            payloads.toString(),
                            built.toString(),
                            BenchDeployment.RECEIVER)
                    .redirectError(errors.toFile())
                    .start();
            int port = awaitReady(peer, errors);
            URI phase4 = URI.create("http://127.0.0.1:" + port + "/as4");
            URI ours = gateway.exchangeUrl().resolve(As4Inbound.PATH);
            List<byte[]> bodies = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String name = String.format(Locale.ROOT, "%06d", i);
                bodies.add(Files.readAllBytes(built.resolve(name + ".mime")));
                types.add(Files.readString(built.resolve(name + ".type")).strip());
            }
            List<String> problems = new ArrayList<>();
            List<Level> levels = new ArrayList<>();
            try (LoadClient client = new LoadClient(TlsContexts.client(world.senderTls, world.receiverCa))) {
                List<byte[]> warmBodies = bodies.subList(0, WARMUP);
                List<String> warmTypes = types.subList(0, WARMUP);
                check("ours, warm-up", client.closedLoop(ours, warmBodies, warmTypes, 4), problems);
                check("phase4, warm-up", client.closedLoop(phase4, warmBodies, warmTypes, 4), problems);
                for (int k = 0; k < concurrencies.size(); k++) {
                    int from = WARMUP + k * perLevel;
                    List<byte[]> b = bodies.subList(from, from + perLevel);
                    List<String> t = types.subList(from, from + perLevel);
                    int c = concurrencies.get(k);
                    LoadClient.Result o = client.closedLoop(ours, b, t, c);
                    LoadClient.Result p = client.closedLoop(phase4, b, t, c);
                    check("ours at C=" + c, o, problems);
                    check("phase4 at C=" + c, p, problems);
                    Level level = new Level(c, o, p);
                    progress.println(level.line());
                    levels.add(level);
                }
            }
            return new Result(levels, perLevel * concurrencies.size(), problems);
        } finally {
            if (peer != null) {
                peer.getOutputStream().close();
                if (!peer.waitFor(30, TimeUnit.SECONDS)) {
                    peer.destroyForcibly();
                }
            }
            if (gateway != null) {
                gateway.close();
            }
            TempDirectories.delete(world.dir);
        }
    }

    /** Every answer 200, and the sampled ones receipts (ebMS signals naming a Receipt). */
    private static void check(String what, LoadClient.Result r, List<String> problems) {
        if (r.failed() > 0) {
            problems.add(what + ": " + r.failed() + " of " + r.sent() + " failed, first " + r.firstFailure());
        }
        for (byte[] answer : r.sampleAnswers()) {
            String text = new String(answer, StandardCharsets.UTF_8);
            if (!text.contains("Receipt")) {
                int at = Math.max(0, text.indexOf("SignalMessage"));
                problems.add(what + ": an answer that is no receipt: "
                        + text.substring(at, Math.min(text.length(), at + 600)));
                return;
            }
        }
    }

    /** Waits for the child's {@code READY <port>}: building the messages comes first, which takes a while. */
    private static int awaitReady(Process peer, Path errors) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.startsWith("READY ")) {
                                port.complete(Integer.parseInt(line.substring(6).trim()));
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        port.completeExceptionally(e);
                    }
                    port.completeExceptionally(new IllegalStateException("phase4's JVM ended"));
                },
                "phase4-out");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "phase4's receiver did not start; its stderr ends: " + ChildNode.tail(errors), e);
        }
    }

    /** Makes {@code partner} speak AS4 to this KZ-GPO (the bench's own copy of the sample configuration). */
    static void asAs4Partner(Path yaml, String partner) throws IOException {
        String text = Files.readString(yaml);
        String anchor = "  - id: " + partner + "\n";
        int at = text.indexOf(anchor);
        int line = text.indexOf("    endpoint:", at);
        if (at < 0 || line < 0) {
            throw new IllegalStateException("no partner " + partner + " with an endpoint in " + yaml);
        }
        int end = text.indexOf('\n', line) + 1;
        Files.writeString(
                yaml,
                text.substring(0, end) + "    protocol: as4\n    as4: { partyId: " + partner + " }\n"
                        + text.substring(end));
    }
}
