package org.mlagateway.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.store.Store;
import org.mlagateway.store.VerifyReport;

/**
 * {@code bench cluster}: KZ-GPO as {@code nodes} receiving nodes on one PostgreSQL (each a child
 * JVM, {@link ClusterNode}), behind a loopback TCP balancer ({@link Balancer}), and RU-GPO as one
 * sending node (a child JVM too) delivering {@code messages} to them through it. Every few seconds
 * one node is killed with SIGKILL, now and then the sender, and started again under the same node
 * id; halfway, the database server is restarted once, if a restart command is given. At the end
 * every message RU-GPO committed must be DELIVERED and stored once by KZ-GPO, and both logs must
 * verify. "Stranded lease" is, for the items the sender held when it was killed, the time from the
 * kill to their delivery. Bounded: the run gives up waiting after {@code deadline}.
 */
public final class ClusterBenchmark {
    /** The database restart the command does by default (the Debian packaging's cluster tool). */
    public static final String PG_RESTART = "pg_ctlcluster --skip-systemctl-redirect 15 main restart";

    private static final Duration READY_WAIT = Duration.ofSeconds(90);

    /** The outcome; {@link #line()} is the one line the command prints. */
    public record Result(
            long committed,
            long delivered,
            int kills,
            int databaseRestarts,
            long lost,
            long duplicated,
            double strandedMaxSeconds,
            long receiptsMissing,
            boolean logsVerify) {
        public String line() {
            return String.format(
                    Locale.ROOT,
                    "cluster: %d/%d delivered exactly once, %d kills, %d database restart%s, %d lost, %d duplicated,"
                            + " stranded-lease max %.1f s, %d receipts missing, log verify %s",
                    delivered,
                    committed,
                    kills,
                    databaseRestarts,
                    databaseRestarts == 1 ? "" : "s",
                    lost,
                    duplicated,
                    strandedMaxSeconds,
                    receiptsMissing,
                    logsVerify ? "OK" : "FAILED");
        }

        public boolean ok() {
            return lost == 0 && duplicated == 0 && logsVerify && delivered == committed;
        }
    }

    private final String jdbcUrl;
    private final int nodes;
    private final int kills;
    private final int messages;
    private final String databaseRestart;
    private final Duration deadline;
    private final Duration receiptWait;
    private final PrintStream progress;
    private final Random random = new Random();

    /**
     * {@code databaseRestart} is a shell command run once halfway, or null; {@code receiptWait} is how long
     * to wait at the end for the receipt sweeps (which look at accepts a minute old) to store every receipt.
     */
    public ClusterBenchmark(
            String jdbcUrl,
            int nodes,
            int kills,
            int messages,
            String databaseRestart,
            Duration deadline,
            Duration receiptWait,
            PrintStream progress) {
        this.jdbcUrl = jdbcUrl;
        this.nodes = nodes;
        this.kills = kills;
        this.messages = messages;
        this.databaseRestart = databaseRestart;
        this.deadline = deadline;
        this.receiptWait = receiptWait;
        this.progress = progress;
    }

    /** One node's child JVM, restartable with the same arguments. */
    private final class Node {
        final List<String> command;
        final String name;
        Process process;
        Writer in;
        final AtomicInteger submitted;
        final Path errors;

        Node(String name, List<String> command, AtomicInteger submitted, Path errors) {
            this.name = name;
            this.errors = errors;
            this.command = command;
            this.submitted = submitted;
        }

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
                    } else if (line.startsWith("SUBMITTED ") && submitted != null) {
                        submitted.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // killed
            }
        }

        void submit(int n) {
            try {
                in.write("SUBMIT " + n + "\n");
                in.flush();
            } catch (IOException e) {
                // killed meanwhile: the next life is asked again
            }
        }

        void kill() throws InterruptedException {
            process.toHandle().destroyForcibly(); // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            try {
                in.close();
            } catch (IOException e) {
                // gone already
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public Result run() throws Exception {
        BenchDeployment world = BenchDeployment.create();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String kzSchema = "bench_kz_" + suffix;
        String ruSchema = "bench_ru_" + suffix;
        List<Node> receivers = new ArrayList<>();
        Node sender = null;
        Balancer balancer = null;
        boolean keep = false;
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ports.add(freePort());
            }
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (int i = 0; i < nodes; i++) {
                receivers.add(new Node(
                        "kz-" + (i + 1),
                        List.of(
                                java,
                                "-Xmx256m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                ClusterNode.class.getName(),
                                world.keys.resolve("kz-gpo/gateway.yaml").toString(),
                                world.dir.resolve("kz-" + (i + 1)).toString(),
                                jdbcUrl,
                                kzSchema,
                                "kz-node-" + (i + 1),
                                Integer.toString(ports.get(i))),
                        null,
                        world.dir.resolve("kz-" + (i + 1) + ".err")));
            }
            progress.println("bench cluster: starting " + nodes + " receiving nodes ...");
            for (Node n : receivers) {
                n.start();
            }
            balancer = new Balancer(ports);
            AtomicInteger submitted = new AtomicInteger();
            sender = new Node(
                    "ru-1",
                    List.of(
                            java,
                            "-Xmx256m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            ClusterNode.class.getName(),
                            world.keys.resolve("ru-gpo/gateway.yaml").toString(),
                            world.dir.resolve("ru-1").toString(),
                            jdbcUrl,
                            ruSchema,
                            "ru-node-1",
                            "0",
                            "https://127.0.0.1:" + balancer.port() + "/exchange/v1"),
                    submitted,
                    world.dir.resolve("ru-1.err"));
            sender.start();
            progress.println("bench cluster: sending " + messages + " messages while killing nodes ...");

            long start = System.nanoTime();
            long end = start + deadline.toNanos();
            int done = 0;
            int restarts = 0;
            double stranded = 0;
            List<long[]> heldAtKill = new ArrayList<>(); // {message pk, kill time in epoch ms}
            int[] requested = {0};
            long nextKill = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end
                    && (done < kills || committed(ruSchema) > delivered(ruSchema) || requested[0] < messages)) {
                if (requested[0] < messages && requested[0] - submitted.get() < 10) {
                    int n = Math.min(10, messages - requested[0]);
                    sender.submit(n);
                    requested[0] += n;
                }
                Thread.sleep(500);
                if (done < kills && System.nanoTime() - nextKill >= 0) {
                    boolean killSender = done == 1 || random.nextInt(5) == 0; // the second kill is always the sender
                    Node victim = killSender ? sender : receivers.get(random.nextInt(receivers.size()));
                    long killedAt = System.currentTimeMillis();
                    if (killSender) {
                        for (long pk : leased(ruSchema)) {
                            heldAtKill.add(new long[] {pk, killedAt});
                        }
                    }
                    victim.kill();
                    done++;
                    progress.println("bench cluster: kill " + done + ": " + victim.name);
                    if (databaseRestart != null && restarts == 0 && done >= kills / 2) {
                        progress.println("bench cluster: restarting the database server ...");
                        run(databaseRestart);
                        restarts++;
                    }
                    victim.start();
                    if (victim == sender) {
                        requested[0] = submitted.get(); // what the killed life was asked and did not do
                    }
                    nextKill = System.nanoTime()
                            + Duration.ofMillis(2000 + random.nextInt(3000)).toNanos();
                }
            }
            for (long[] held : heldAtKill) {
                Long at = deliveredAtMillis(ruSchema, held[0]);
                if (at != null) {
                    stranded = Math.max(stranded, Math.max(0, at - held[1]) / 1000.0);
                }
            }
            long receiptsEnd = System.nanoTime() + receiptWait.toNanos();
            while (receiptsMissing(kzSchema) > 0 && System.nanoTime() < receiptsEnd) {
                Thread.sleep(1000);
            }
            long missing = receiptsMissing(kzSchema);
            if (committed(ruSchema) > delivered(ruSchema)) {
                progress.println("bench cluster: undelivered by status and last error: " + undelivered(ruSchema)
                        + "; the nodes' stderr is kept in " + world.dir);
                keep = true;
            }
            for (Node n : receivers) {
                n.stop();
            }
            sender.stop();
            sender = null;
            receivers.clear();
            boolean verified = verifies(world, "kz-gpo", kzSchema) && verifies(world, "ru-gpo", ruSchema);
            return new Result(
                    committed(ruSchema),
                    deliveredOnce(ruSchema, kzSchema),
                    done,
                    restarts,
                    lost(ruSchema, kzSchema),
                    duplicated(kzSchema),
                    stranded,
                    missing,
                    verified);
        } finally {
            for (Node n : receivers) {
                n.kill();
            }
            if (sender != null) {
                sender.kill();
            }
            if (balancer != null) {
                balancer.close();
            }
            for (String schema : List.of(kzSchema, ruSchema)) {
                try {
                    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    progress.println("bench cluster: could not drop schema " + schema + ": " + e.getMessage());
                }
            }
            try {
                if (!keep) {
                    TempDirectories.delete(world.dir);
                }
            } catch (IOException e) {
                progress.println("bench cluster: could not delete " + world.dir + ": " + e.getMessage());
            }
        }
    }

    private boolean verifies(BenchDeployment world, String authority, String schema) {
        GatewayConfig config =
                new ConfigLoader().load(world.keys.resolve(authority).resolve("gateway.yaml"));
        StorageConfig storage = new StorageConfig(
                world.dir.resolve("verify"),
                jdbcUrl,
                null,
                null,
                2,
                config.storage().kek(),
                schema);
        Clock clock = Clock.systemUTC();
        try (KeyMaterial keys = KeyMaterial.load(config, clock);
                Store store = Store.openForAudit(
                        storage,
                        clock,
                        LogCheckpointing.of(config.log(), world.dir, new KeyStoreChainSigner(keys.signing()))
                                .verifier(),
                        AtRest.sealing(storage, clock))) {
            VerifyReport report = store.verify(1, null);
            if (!report.ok()) {
                progress.println("bench cluster: " + authority + " log: " + report);
            }
            return report.ok();
        }
    }

    private static String tail(Path file) {
        try {
            String text = java.nio.file.Files.readString(file);
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("the database restart command failed: " + command);
        }
    }

    private long committed(String ru) throws SQLException {
        return count("SELECT COUNT(*) FROM " + ru + ".messages WHERE direction = 'OUT'");
    }

    private long delivered(String ru) throws SQLException {
        return count("SELECT COUNT(*) FROM " + ru + ".messages WHERE direction = 'OUT' AND status = 'DELIVERED'");
    }

    private String undelivered(String ru) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT m.status, (SELECT a.error_code FROM " + ru
                        + ".delivery_attempts a WHERE a.message_pk = m.pk ORDER BY a.attempt_no DESC LIMIT 1) e,"
                        + " COUNT(*) FROM " + ru + ".messages m WHERE m.direction = 'OUT' AND m.status <> 'DELIVERED'"
                        + " GROUP BY 1, 2")) {
            while (rs.next()) {
                out.append(rs.getString(1))
                        .append('/')
                        .append(rs.getString(2))
                        .append(": ")
                        .append(rs.getLong(3))
                        .append("; ");
            }
        }
        return out.toString();
    }

    private long deliveredOnce(String ru, String kz) throws SQLException {
        return count("SELECT COUNT(*) FROM " + ru + ".messages o WHERE o.direction = 'OUT'"
                + " AND o.status = 'DELIVERED' AND (SELECT COUNT(*) FROM " + kz + ".messages i"
                + " WHERE i.direction = 'IN' AND i.message_id = o.message_id) = 1");
    }

    private long lost(String ru, String kz) throws SQLException {
        return count("SELECT COUNT(*) FROM " + ru + ".messages o WHERE o.direction = 'OUT' AND NOT EXISTS"
                + " (SELECT 1 FROM " + kz + ".messages i WHERE i.direction = 'IN' AND i.message_id = o.message_id)");
    }

    private long duplicated(String kz) throws SQLException {
        return count("SELECT COUNT(*) FROM (SELECT message_id FROM " + kz + ".messages WHERE direction = 'IN'"
                + " GROUP BY message_id HAVING COUNT(*) > 1) d");
    }

    private long receiptsMissing(String kz) throws SQLException {
        return count("SELECT COUNT(*) FROM " + kz + ".messages m WHERE m.direction = 'IN' AND NOT EXISTS"
                + " (SELECT 1 FROM " + kz + ".receipts r WHERE r.message_pk = m.pk AND r.direction = 'ISSUED'"
                + " AND r.log_seq = m.receipt_log_seq)");
    }

    private List<Long> leased(String ru) throws SQLException {
        List<Long> pks = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT message_pk FROM " + ru + ".queue_items"
                        + " WHERE state = 'LEASED' AND lease_until > now()")) {
            while (rs.next()) {
                pks.add(rs.getLong(1));
            }
        }
        return pks;
    }

    private Long deliveredAtMillis(String ru, long pk) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT MIN(at_micros) FROM " + ru + ".message_log"
                        + " WHERE message_pk = ? AND event = 'delivered'")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long micros = rs.getLong(1);
                return rs.wasNull() ? null : micros / 1000;
            }
        }
    }

    /** A count, or -1 while the database is away (during its restart). */
    private long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        SQLException last = null;
        for (int i = 0; i < 60; i++) {
            try {
                return DriverManager.getConnection(jdbcUrl);
            } catch (SQLException e) {
                last = e; // the server restarting: try again
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
