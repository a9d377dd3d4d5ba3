package org.mlagateway.tools.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.mlagateway.Gateway;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.ReceiptVerifier;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;

/**
 * {@code bench exchange}: the gateway's full inbound path against a bare CXF+WSS4J baseline on the
 * same transport, and against the crypto floor, as ratios measured within one run. Baseline and
 * gateway alternate (A B A B) at each concurrency, each measurement with a fresh corpus; figures are
 * medians over the rounds. Then the p99 latency of an open-loop run at half the gateway's maximum
 * throughput, and outbound deliveries to a second gateway with receipts verified.
 */
public final class ExchangeBenchmark {
    public record Options(
            int rounds,
            int messages,
            List<Integer> concurrency,
            int openLoopSeconds,
            int outbound,
            String jdbcUrl,
            Path json) {}

    /** One system at one concurrency: every round's result. */
    static final class Series {
        final String system;
        final int connections;
        final List<LoadClient.Result> rounds = new ArrayList<>();

        Series(String system, int connections) {
            this.system = system;
            this.connections = connections;
        }

        double median(ToDoubleFunction<LoadClient.Result> f) {
            double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
            if (v.length == 0) {
                return 0;
            }
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        int failed() {
            return rounds.stream().mapToInt(LoadClient.Result::failed).sum();
        }
    }

    private final Options options;
    private final PrintStream out;
    private final PrintStream progress;

    public ExchangeBenchmark(Options options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    public int run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = 4 * cores;
        BenchDeployment world = BenchDeployment.create();
        progress.println("bench exchange: crypto floor ...");
        CryptoFloor.Result floor = CryptoFloor.measure(
                world.receiverEncryption.getPublicKey(),
                world.receiverDecryption.privateKey(),
                world.senderSigning.certificate().getPublicKey(),
                world.senderSigning.privateKey(),
                world.receiverSigning.privateKey(),
                Math.max(50, options.messages));

        Map<String, Series> series = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int verified = 0;
        int sampled = 0;
        LoadClient.Result openLoop = null;
        double openLoopRate = 0;
        double outboundRate = 0;
        int outboundDelivered = 0;
        String pgSchema = null;
        String postgres = options.jdbcUrl != null ? options.jdbcUrl : System.getenv("MLA_TEST_POSTGRES_URL");
        Gateway gateway = Gateway.start(world.config("kz-gpo", world.dir.resolve("kz-data")), Clock.systemUTC());
        Gateway pgGateway = null;
        try (BaselineService.Running baseline = BaselineService.start(
                        world.receiverTls,
                        world.receiverSigning,
                        world.receiverDecryption,
                        world.senderCa,
                        ".*O=RU-GPO \\(SAMPLE\\).*",
                        Math.toIntExact(gateway.config().limits().maxEnvelopeBytes()),
                        threads);
                LoadClient client = new LoadClient(TlsContexts.client(world.senderTls, world.receiverCa))) {
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put("baseline", baseline.url());
            targets.put("gateway (H2)", gateway.exchangeUrl());
            if (postgres != null) {
                pgSchema =
                        "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                execute(postgres, "CREATE SCHEMA " + pgSchema);
                String scoped = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + pgSchema;
                GatewayConfig h2 = world.config("kz-gpo", world.dir.resolve("kz-pg"));
                GatewayConfig pg = new GatewayConfig(
                        h2.authority(),
                        h2.keys(),
                        h2.listeners(),
                        new StorageConfig(null, scoped, null, null, h2.storage().poolSize()),
                        h2.partners(),
                        h2.routing(),
                        h2.limits(),
                        h2.sending(),
                        h2.log(),
                        h2.api());
                pgGateway = Gateway.start(pg, Clock.systemUTC());
                targets.put("gateway (PostgreSQL)", pgGateway.exchangeUrl());
            }
            ReceiptVerifier receipts = receiptVerifier(world);

            progress.println("bench exchange: warming up ...");
            for (URI url : targets.values()) {
                List<BenchDeployment.Item> warm = world.corpus(Math.max(20, options.messages));
                LoadClient.Result r = client.closedLoop(url, bytes(warm), 4);
                if (r.failed() > 0) {
                    problems.add("warm-up " + url + ": " + r.firstFailure());
                }
            }
            for (int round = 1; round <= options.rounds; round++) {
                for (int c : options.concurrency) {
                    for (Map.Entry<String, URI> target : targets.entrySet()) {
                        int count = c == 1 ? Math.max(10, options.messages / 4) : options.messages;
                        List<BenchDeployment.Item> corpus = world.corpus(count);
                        LoadClient.Result r = client.closedLoop(target.getValue(), bytes(corpus), c);
                        series.computeIfAbsent(target.getKey() + "@" + c, k -> new Series(target.getKey(), c))
                                .rounds
                                .add(r);
                        progress.printf(
                                Locale.ROOT,
                                "bench exchange: round %d, C=%d, %-20s %7.1f msg/s, p99 %.1f ms%s%n",
                                round,
                                c,
                                target.getKey(),
                                r.perSecond(),
                                r.p99Ms(),
                                r.failed() > 0 ? ", " + r.failed() + " FAILED: " + r.firstFailure() : "");
                        if (r.failed() > 0) {
                            problems.add(target.getKey() + " C=" + c + ": " + r.firstFailure());
                        }
                        if (!target.getKey().equals("baseline")) {
                            for (int i = 0; i < r.sampleAnswers().size(); i++) {
                                BenchDeployment.Item item =
                                        corpus.get(r.sampleIndexes().get(i));
                                sampled++;
                                try {
                                    receipts.verify(
                                            r.sampleAnswers().get(i),
                                            item.messageId(),
                                            item.sealed(),
                                            BenchDeployment.RECEIVER);
                                    verified++;
                                } catch (RuntimeException e) {
                                    problems.add(
                                            "receipt of " + item.messageId() + " did not verify: " + e.getMessage());
                                }
                            }
                        } else if (!r.sampleAnswers().isEmpty()) {
                            String answer = new String(r.sampleAnswers().get(0), StandardCharsets.UTF_8);
                            if (!answer.contains("Acknowledged") || !answer.contains("SignatureValue")) {
                                problems.add("baseline answer is not a signed acknowledgement");
                            }
                        }
                    }
                }
            }
            int maxC = options.concurrency.stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElse(16);
            double max = series.get("gateway (H2)@" + maxC).median(LoadClient.Result::perSecond);
            openLoopRate = max / 2;
            int count = Math.max(10, (int) (openLoopRate * options.openLoopSeconds));
            progress.printf(
                    Locale.ROOT, "bench exchange: open loop at %.1f msg/s (%d messages) ...%n", openLoopRate, count);
            openLoop = client.openLoop(gateway.exchangeUrl(), bytes(world.corpus(count)), openLoopRate, maxC);
            if (openLoop.failed() > 0) {
                problems.add("open loop: " + openLoop.failed() + " failed: " + openLoop.firstFailure());
            }
            if (options.outbound > 0) {
                progress.println("bench exchange: outbound to a partner gateway ...");
                double[] outbound = outbound(world, gateway, options.outbound);
                outboundRate = outbound[0];
                outboundDelivered = (int) outbound[1];
                if (outboundDelivered < options.outbound) {
                    problems.add("outbound: only " + outboundDelivered + " of " + options.outbound + " delivered");
                }
            }
        } finally {
            gateway.close();
            if (pgGateway != null) {
                pgGateway.close();
            }
            if (pgSchema != null) {
                execute(postgres, "DROP SCHEMA " + pgSchema + " CASCADE");
            }
            TempDirectories.delete(world.dir);
        }
        if (sampled > verified) {
            problems.add((sampled - verified) + " of " + sampled + " sampled receipts did not verify");
        }
        report(
                cores,
                threads,
                floor,
                series,
                openLoopRate,
                openLoop,
                outboundRate,
                outboundDelivered,
                verified,
                sampled,
                problems);
        return problems.isEmpty() ? 0 : 1;
    }

    private static ReceiptVerifier receiptVerifier(BenchDeployment world) {
        GatewayConfig ru = world.config("ru-gpo", world.dir.resolve("ru-unused"));
        KeyMaterial keys = KeyMaterial.load(ru, Clock.systemUTC());
        return new ReceiptVerifier(
                keys.partnerTrust(),
                AlgorithmPolicy.PROFILE,
                Clock.systemUTC(),
                ru.limits().clockSkew(),
                ru.limits().maxXmlDepth());
    }

    static final List<String> OUTBOUND_KINDS = List.of("transfer-of-proceedings-request.xml", "transit-request.xml");

    /** Submits {@code count} requests to RU-GPO; returns deliveries per second and how many were delivered. */
    private static double[] outbound(BenchDeployment world, Gateway kz, int count) throws Exception {
        try (Gateway ru = Gateway.start(world.config("ru-gpo", world.dir.resolve("ru-data")), Clock.systemUTC())) {
            kz.useEndpoint("RU-GPO", ru.exchangeUrl());
            ExampleMessages examples = new ExampleMessages(kz.codec());
            List<byte[]> messages = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // Requests in Russian: RU-GPO reads them as they are, so none waits for a translator.
                Message m = examples.request(OUTBOUND_KINDS.get(i % OUTBOUND_KINDS.size()), "KZ-GPO", "RU-GPO");
                ids.add(m.getHeader().getMessageId());
                messages.add(kz.codec().write(m));
            }
            long start = System.nanoTime();
            for (byte[] m : messages) {
                kz.submissions().submit(m, "bench", UUID.randomUUID().toString());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            int delivered = 0;
            int next = 0;
            while (System.nanoTime() < deadline) {
                while (next < ids.size()
                        && kz.store()
                                .message(Direction.OUT, "RU-GPO", ids.get(next))
                                .map(StoredMessage::status)
                                .filter(MessageStatus.DELIVERED::equals)
                                .isPresent()) {
                    next++;
                }
                delivered = next;
                if (delivered == count) {
                    break;
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[] {delivered / seconds, delivered};
        }
    }

    private void report(
            int cores,
            int threads,
            CryptoFloor.Result floor,
            Map<String, Series> series,
            double openLoopRate,
            LoadClient.Result openLoop,
            double outboundRate,
            int outboundDelivered,
            int verified,
            int sampled,
            List<String> problems)
            throws Exception {
        int maxC =
                options.concurrency.stream().mapToInt(Integer::intValue).max().orElse(16);
        out.printf(
                Locale.ROOT,
                "exchange benchmark: %d cores, %d listener threads, %d rounds (baseline and gateway"
                        + " alternating), ~%d KB sealed messages, medians over rounds%n",
                cores,
                threads,
                options.rounds,
                approximateKb(series));
        String format = "%-21s | %3s | %9s | %8s | %8s | %10s | %11s | %9s | %9s%n";
        out.printf(
                Locale.ROOT,
                format,
                "system",
                "C",
                "msg/s",
                "p50 ms",
                "p99 ms",
                "peak heap",
                "CPU ms/msg",
                "÷baseline",
                "÷floor");
        for (Series s : series.values()) {
            Series base = series.get("baseline@" + s.connections);
            double rate = s.median(LoadClient.Result::perSecond);
            out.printf(
                    Locale.ROOT,
                    format,
                    s.system,
                    s.connections,
                    f1(rate),
                    f1(s.median(LoadClient.Result::p50Ms)),
                    f1(s.median(LoadClient.Result::p99Ms)),
                    (long) (s.median(LoadClient.Result::peakHeapBytes) / (1024 * 1024)) + " MB",
                    String.format(Locale.ROOT, "%.2f", s.median(LoadClient.Result::cpuMsPerMessage)),
                    String.format(Locale.ROOT, "%.2f", rate / base.median(LoadClient.Result::perSecond)),
                    String.format(Locale.ROOT, "%.2f", rate / floor.messagesPerSecond()));
        }
        out.printf(
                Locale.ROOT,
                "crypto floor: %.3f ms/msg (OAEP unwrap %.3f [%s], verify %.3f, sign %.3f [%s])"
                        + " -> %.0f msg/s on %d cores%n",
                floor.perMessageMs(),
                floor.unwrapMs(),
                floor.oaepProvider(),
                floor.verifyMs(),
                floor.signMs(),
                floor.signProvider(),
                floor.messagesPerSecond(),
                cores);
        if (openLoop != null) {
            out.printf(
                    Locale.ROOT,
                    "open loop at half max (%.1f msg/s, C<=%d): p50 %.1f ms, p99 %.1f ms, %d/%d ok%n",
                    openLoopRate,
                    maxC,
                    openLoop.p50Ms(),
                    openLoop.p99Ms(),
                    openLoop.ok(),
                    openLoop.sent());
        }
        if (options.outbound > 0) {
            out.printf(
                    Locale.ROOT,
                    "outbound to a partner gateway: %d/%d delivered with receipts verified, %.1f msg/s%n",
                    outboundDelivered,
                    options.outbound,
                    outboundRate);
        }
        out.printf(Locale.ROOT, "receipts sampled and verified after timing: %d/%d%n", verified, sampled);
        Series g = series.get("gateway (H2)@" + maxC);
        Series b = series.get("baseline@" + maxC);
        double gRate = g.median(LoadClient.Result::perSecond);
        double bRate = b.median(LoadClient.Result::perSecond);
        out.printf(
                Locale.ROOT,
                "at C=%d: gateway/baseline %.2f (target >= 1.0), gateway/floor %.2f (target >= 0.7),"
                        + " p99 at half load %.1f ms (target < 50)%n",
                maxC,
                gRate / bRate,
                gRate / floor.messagesPerSecond(),
                openLoop == null ? Double.NaN : openLoop.p99Ms());
        for (String p : problems) {
            out.println("PROBLEM: " + p);
        }
        writeJson(
                cores,
                threads,
                floor,
                series,
                openLoopRate,
                openLoop,
                outboundRate,
                outboundDelivered,
                verified,
                sampled,
                problems,
                gRate,
                bRate);
    }

    private long envelopeBytes;
    private long envelopes;

    private int approximateKb(Map<String, Series> series) {
        return envelopes == 0 ? 0 : (int) Math.round(envelopeBytes / 1024.0 / envelopes);
    }

    private void writeJson(
            int cores,
            int threads,
            CryptoFloor.Result floor,
            Map<String, Series> series,
            double openLoopRate,
            LoadClient.Result openLoop,
            double outboundRate,
            int outboundDelivered,
            int verified,
            int sampled,
            List<String> problems,
            double gRate,
            double bRate)
            throws Exception {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"gateway_vs_baseline\": ").append(num(gRate / bRate)).append(",\n");
        j.append("  \"gateway_vs_floor\": ")
                .append(num(gRate / floor.messagesPerSecond()))
                .append(",\n");
        j.append("  \"gateway_msgs_per_s\": ").append(num(gRate)).append(",\n");
        j.append("  \"baseline_msgs_per_s\": ").append(num(bRate)).append(",\n");
        j.append("  \"floor_msgs_per_s\": ")
                .append(num(floor.messagesPerSecond()))
                .append(",\n");
        j.append("  \"p99_ms_half_load\": ")
                .append(openLoop == null ? "null" : num(openLoop.p99Ms()))
                .append(",\n");
        j.append("  \"cores\": ").append(cores).append(",\n");
        j.append("  \"details\": {\n");
        j.append("    \"listener_threads\": ").append(threads).append(",\n");
        j.append("    \"rounds\": ").append(options.rounds).append(",\n");
        j.append("    \"messages_per_measurement\": ").append(options.messages).append(",\n");
        j.append("    \"floor\": {\"unwrap_ms\": ")
                .append(num(floor.unwrapMs()))
                .append(", \"verify_ms\": ")
                .append(num(floor.verifyMs()))
                .append(", \"sign_ms\": ")
                .append(num(floor.signMs()))
                .append(", \"per_message_ms\": ")
                .append(num(floor.perMessageMs()))
                .append(", \"oaep_provider\": \"")
                .append(floor.oaepProvider())
                .append("\", \"signature_provider\": \"")
                .append(floor.signProvider())
                .append("\"},\n");
        j.append("    \"open_loop\": {\"rate_msgs_per_s\": ").append(num(openLoopRate));
        if (openLoop != null) {
            j.append(", \"sent\": ")
                    .append(openLoop.sent())
                    .append(", \"ok\": ")
                    .append(openLoop.ok())
                    .append(", \"p50_ms\": ")
                    .append(num(openLoop.p50Ms()))
                    .append(", \"p99_ms\": ")
                    .append(num(openLoop.p99Ms()));
        }
        j.append("},\n");
        j.append("    \"outbound\": {\"messages\": ")
                .append(options.outbound)
                .append(", \"delivered_receipts_verified\": ")
                .append(outboundDelivered)
                .append(", \"msgs_per_s\": ")
                .append(num(outboundRate))
                .append("},\n");
        j.append("    \"receipts_sampled\": ")
                .append(sampled)
                .append(", \"receipts_verified\": ")
                .append(verified)
                .append(",\n");
        j.append("    \"series\": [\n");
        int n = 0;
        for (Series s : series.values()) {
            j.append("      {\"system\": \"")
                    .append(s.system)
                    .append("\", \"connections\": ")
                    .append(s.connections)
                    .append(", \"median_msgs_per_s\": ")
                    .append(num(s.median(LoadClient.Result::perSecond)))
                    .append(", \"median_p50_ms\": ")
                    .append(num(s.median(LoadClient.Result::p50Ms)))
                    .append(", \"median_p99_ms\": ")
                    .append(num(s.median(LoadClient.Result::p99Ms)))
                    .append(", \"median_process_cpu_ms_per_msg\": ")
                    .append(num(s.median(LoadClient.Result::cpuMsPerMessage)))
                    .append(", \"median_peak_heap_bytes\": ")
                    .append((long) s.median(LoadClient.Result::peakHeapBytes))
                    .append(", \"failed\": ")
                    .append(s.failed())
                    .append(", \"rounds\": [");
            for (int i = 0; i < s.rounds.size(); i++) {
                LoadClient.Result r = s.rounds.get(i);
                j.append(i == 0 ? "" : ", ")
                        .append("{\"msgs_per_s\": ")
                        .append(num(r.perSecond()))
                        .append(", \"p50_ms\": ")
                        .append(num(r.p50Ms()))
                        .append(", \"p99_ms\": ")
                        .append(num(r.p99Ms()))
                        .append(", \"peak_heap_bytes\": ")
                        .append(r.peakHeapBytes())
                        .append(", \"process_cpu_ms_per_msg\": ")
                        .append(num(r.cpuMsPerMessage()))
                        .append(", \"sent\": ")
                        .append(r.sent())
                        .append(", \"failed\": ")
                        .append(r.failed())
                        .append("}");
            }
            j.append("]}").append(++n < series.size() ? ",\n" : "\n");
        }
        j.append("    ],\n");
        j.append("    \"problems\": [");
        for (int i = 0; i < problems.size(); i++) {
            j.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(jsonEscape(problems.get(i)))
                    .append('"');
        }
        j.append("]\n  }\n}\n");
        Files.createDirectories(options.json.getParent());
        Files.writeString(options.json, j.toString());
        progress.println("bench exchange: wrote " + options.json);
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null";
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private List<byte[]> bytes(List<BenchDeployment.Item> items) {
        List<byte[]> all = items.stream().map(i -> i.sealed().bytes()).toList();
        all.forEach(b -> envelopeBytes += b.length);
        envelopes += all.size();
        return all;
    }

    static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
