package org.mlagateway.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
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
 * JVM, {@link ClusterNode}), behind a loopback TCP balancer ({@link Balancer}), and RU-GPO as two
 * sending nodes on one PostgreSQL schema of its own (child JVMs too), each submitting part of the
 * {@code messages} and both delivering to KZ-GPO through the balancer. Every few seconds one node
 * is killed with SIGKILL: mostly a receiving node, started again at once under the same node id;
 * now and then a sender, kept down for {@link #SENDER_DOWN}, longer than a lease, so that the
 * other sender must take over what it held. Halfway, the database server is restarted once, if a
 * restart command is given. At the end every message RU-GPO committed must be DELIVERED and stored
 * once by KZ-GPO, and both logs must verify. "Takeover" is, for the items a killed sender held,
 * the time from the kill to their delivery by the other sender. Bounded: the run gives up waiting
 * after {@code deadline}.
 */
public final class ClusterBenchmark {
    /** The database restart the command does by default (the Debian packaging's cluster tool). */
    public static final String PG_RESTART = "pg_ctlcluster --skip-systemctl-redirect 15 main restart";

    /** Sending nodes: one to kill, one to take over. */
    static final int SENDERS = 2;
    /** How long a killed sender stays down: longer than a lease, so its own restart cannot reclaim it. */
    static final Duration SENDER_DOWN = Duration.ofSeconds(20);

    /** The outcome; {@link #line()} is the one line the command prints. */
    public record Result(
            long committed,
            long delivered,
            int kills,
            int databaseRestarts,
            long lost,
            long duplicated,
            int takenOver,
            double takeoverMaxSeconds,
            long receiptsMissing,
            boolean logsVerify) {
        public String line() {
            return String.format(
                    Locale.ROOT,
                    "cluster: %d/%d delivered exactly once, %d kills, %d database restart%s, %d lost, %d duplicated,"
                            + " takeover max %.1f s (%d items), %d receipts missing, log verify %s",
                    delivered,
                    committed,
                    kills,
                    databaseRestarts,
                    databaseRestarts == 1 ? "" : "s",
                    lost,
                    duplicated,
                    takeoverMaxSeconds,
                    takenOver,
                    receiptsMissing,
                    logsVerify ? "OK" : "FAILED");
        }

        public boolean ok() {
            return lost == 0 && duplicated == 0 && logsVerify && delivered == committed && takeoverMaxSeconds < 15;
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

    /** A sender killed and kept down, and what it held when killed. */
    private record Down(ChildNode sender, long upAtNanos) {}

    public Result run() throws Exception {
        BenchDeployment world = BenchDeployment.create();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String kzSchema = "bench_kz_" + suffix;
        String ruSchema = "bench_ru_" + suffix;
        List<ChildNode> receivers = new ArrayList<>();
        List<ChildNode> senders = new ArrayList<>();
        Balancer balancer = null;
        boolean keep = false;
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ports.add(freePort());
            }
            for (int i = 0; i < nodes; i++) {
                String name = "kz-" + (i + 1);
                receivers.add(ChildNode.of(
                        name,
                        "kz-node-" + (i + 1),
                        world.keys.resolve("kz-gpo/gateway.yaml"),
                        world.dir.resolve(name),
                        jdbcUrl,
                        kzSchema,
                        ports.get(i),
                        null));
            }
            progress.println("bench cluster: starting " + nodes + " receiving nodes ...");
            for (ChildNode n : receivers) {
                n.start();
            }
            balancer = new Balancer(ports);
            for (int i = 0; i < SENDERS; i++) {
                String name = "ru-" + (i + 1);
                senders.add(ChildNode.of(
                        name,
                        "ru-node-" + (i + 1),
                        world.keys.resolve("ru-gpo/gateway.yaml"),
                        world.dir.resolve(name),
                        jdbcUrl,
                        ruSchema,
                        0,
                        "https://127.0.0.1:" + balancer.port() + "/exchange/v1"));
            }
            progress.println("bench cluster: starting " + SENDERS + " sending nodes ...");
            for (ChildNode n : senders) {
                n.start();
            }
            progress.println("bench cluster: sending " + messages + " messages while killing nodes ...");

            long end = System.nanoTime() + deadline.toNanos();
            int done = 0;
            int restarts = 0;
            Down down = null;
            List<long[]> heldAtKill = new ArrayList<>(); // {message pk, kill time in epoch ms, kill number}
            int turn = 0;
            long nextKill = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end
                    && (done < kills
                            || down != null
                            || committed(ruSchema) > delivered(ruSchema)
                            || submitted(senders) < messages)) {
                ChildNode to = senders.get(turn++ % senders.size());
                int asked = submitted(senders) + pending(senders);
                if (to.alive() && asked < messages && to.pending() < 10) {
                    to.submit(Math.min(10, messages - asked)); // submissions go to either sender
                }
                Thread.sleep(250);
                if (down != null && System.nanoTime() - down.upAtNanos() >= 0) {
                    down.sender().start();
                    down = null;
                }
                if (done < kills && System.nanoTime() - nextKill >= 0) {
                    // The second kill is always a sender, as is one in five after it, while the other sender lives.
                    boolean killSender = down == null && (done == 1 || random.nextInt(5) == 0);
                    ChildNode victim = killSender
                            ? senders.get(random.nextInt(senders.size()))
                            : receivers.get(random.nextInt(receivers.size()));
                    long killedAt = System.currentTimeMillis();
                    if (killSender) {
                        for (long pk : leased(ruSchema, victim.nodeId)) {
                            heldAtKill.add(new long[] {pk, killedAt, done + 1});
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
                    if (killSender) {
                        // Down longer than a lease: what it held must be taken over by the other sender.
                        down = new Down(victim, System.nanoTime() + SENDER_DOWN.toNanos());
                    } else {
                        victim.start();
                    }
                    nextKill = System.nanoTime()
                            + Duration.ofMillis(2000 + random.nextInt(3000)).toNanos();
                }
            }
            double takeover = 0;
            java.util.Map<Long, double[]> perKill = new java.util.TreeMap<>(); // kill number: {items, max s}
            for (long[] held : heldAtKill) {
                Long at = deliveredAtMillis(ruSchema, held[0]);
                double seconds = at == null ? Double.NaN : Math.max(0, at - held[1]) / 1000.0;
                takeover = Math.max(takeover, at == null ? 0 : seconds);
                double[] k = perKill.computeIfAbsent(held[2], n -> new double[2]);
                k[0]++;
                k[1] = Math.max(k[1], seconds);
            }
            perKill.forEach((n, k) -> progress.printf(
                    Locale.ROOT,
                    "bench cluster: kill %d: %d items taken over, the last after %.1f s%n",
                    n,
                    (int) k[0],
                    k[1]));
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
            for (ChildNode n : receivers) {
                n.stop();
            }
            for (ChildNode n : senders) {
                n.stop();
            }
            senders.clear();
            receivers.clear();
            boolean verified = verifies(world, "kz-gpo", kzSchema) && verifies(world, "ru-gpo", ruSchema);
            return new Result(
                    committed(ruSchema),
                    deliveredOnce(ruSchema, kzSchema),
                    done,
                    restarts,
                    lost(ruSchema, kzSchema),
                    duplicated(kzSchema),
                    heldAtKill.size(),
                    takeover,
                    missing,
                    verified);
        } finally {
            for (ChildNode n : receivers) {
                n.kill();
            }
            for (ChildNode n : senders) {
                n.kill();
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

    private static int submitted(List<ChildNode> senders) {
        return senders.stream().mapToInt(n -> n.submitted.get()).sum();
    }

    private static int pending(List<ChildNode> senders) {
        return senders.stream().mapToInt(ChildNode::pending).sum();
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

    /** The messages whose items one node's workers hold leases on (owners are the node id, "-w", a number). */
    static List<Long> leased(Connection c, String ru, String nodeId) throws SQLException {
        List<Long> pks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_pk FROM " + ru + ".queue_items"
                + " WHERE state = 'LEASED' AND lease_until > now() AND lease_owner LIKE ?")) {
            ps.setString(1, nodeId + "-w%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pks.add(rs.getLong(1));
                }
            }
        }
        return pks;
    }

    private List<Long> leased(String ru, String nodeId) throws SQLException {
        try (Connection c = connect()) {
            return leased(c, ru, nodeId);
        }
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

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
