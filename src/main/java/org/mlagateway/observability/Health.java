package org.mlagateway.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.store.LogCheckpoints;
import org.mlagateway.store.LogStatus;
import org.mlagateway.store.OperatorReads;
import org.mlagateway.store.StampingStatus;

/**
 * Whether the gateway can do its work: the answer to {@code GET /health}. Live means the process
 * answers. Ready means the database answered a real query within {@link #DATABASE_TIMEOUT}, every
 * key of ours in a PKCS#11 token has just worked there (the token is present and logged in; each
 * problem names the key, see docs/pkcs11.md), and none of our own certificates has expired (a partner's expired
 * certificate concerns that partner
 * only, so it is reported but does not make the gateway unready). The report also names the
 * certificate that expires first and the age of the newest signed log checkpoint. The log's
 * stamping is {@code DEGRADED} (the gateway stays ready: receiving does not depend on it) when the
 * oldest checkpoint still waiting for a time-stamp is older than {@code maxUnstampedAge}, or when
 * the anchor file cannot be written; the overall status is then {@code DEGRADED} instead of
 * {@code UP}. It holds no personal data: codes, ids, serial numbers, times and counts.
 */
public final class Health implements AutoCloseable {
    /** How long the database may take to answer before the gateway counts as not ready. */
    public static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

    /** The outcome of one check: whether ready, and the JSON body. */
    public record Report(boolean ready, Map<String, Object> body) {}

    private final OperatorReads overviews;
    private final LogCheckpoints checkpoints;
    private final Certificates certificates;
    private final Clock clock;
    private final Duration timeout;
    private final Duration maxUnstampedAge;
    private final Supplier<List<String>> keyProblems;
    // One thread: a database that hangs holds it, and later checks fail fast instead of piling up.
    private final ExecutorService probe = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });
    private Future<LogStatus> running;
    // The tokens get their own thread and the same time limit: a hanging HSM must not hang /health.
    private final ExecutorService keyProbe = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "health-key-probe");
        t.setDaemon(true);
        return t;
    });
    private Future<List<String>> keysRunning;

    public <S extends OperatorReads & LogCheckpoints> Health(S store, Certificates certificates, Clock clock) {
        this(store, certificates, List::of, clock, DATABASE_TIMEOUT, MessageLogConfig.DEFAULT_MAX_UNSTAMPED_AGE);
    }

    /**
     * {@code keyProblems}: what is wrong now with our keys in tokens ({@code KeyMaterial::keyProblems});
     * {@code maxUnstampedAge}: how old an unstamped checkpoint may grow before the log's stamping is DEGRADED.
     */
    public <S extends OperatorReads & LogCheckpoints> Health(
            S store,
            Certificates certificates,
            Supplier<List<String>> keyProblems,
            Clock clock,
            Duration maxUnstampedAge) {
        this(store, certificates, keyProblems, clock, DATABASE_TIMEOUT, maxUnstampedAge);
    }

    <S extends OperatorReads & LogCheckpoints> Health(
            S store, Certificates certificates, Clock clock, Duration timeout) {
        this(store, certificates, List::of, clock, timeout, MessageLogConfig.DEFAULT_MAX_UNSTAMPED_AGE);
    }

    private <S extends OperatorReads & LogCheckpoints> Health(
            S store,
            Certificates certificates,
            Supplier<List<String>> keyProblems,
            Clock clock,
            Duration timeout,
            Duration maxUnstampedAge) {
        this.keyProblems = keyProblems;
        this.maxUnstampedAge = maxUnstampedAge;
        this.overviews = store;
        this.checkpoints = store;
        this.certificates = certificates;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Report check() {
        Instant now = clock.instant();
        Map<String, Object> database = new LinkedHashMap<>();
        LogStatus log = probeDatabase(database);
        boolean certificatesOk = !certificates.ownExpired(now);
        List<String> tokenProblems = probeKeys();
        boolean ready = log != null && certificatesOk && tokenProblems.isEmpty();
        Map<String, Object> stamping = stampingPart(checkpoints.stampingStatus(), now);
        boolean degraded = "DEGRADED".equals(stamping.get("status"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !ready ? "DOWN" : degraded ? "DEGRADED" : "UP");
        body.put("live", true);
        body.put("ready", ready);
        body.put("database", database);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("loaded", tokenProblems.isEmpty());
        keys.put("ownCertificatesValid", certificatesOk);
        keys.put("certificates", certificates.all().size());
        if (!tokenProblems.isEmpty()) {
            keys.put("problems", tokenProblems);
        }
        body.put("keyStores", keys);
        certificates.nearest().ifPresent(c -> body.put("nearestCertificateExpiry", expiry(c, now)));
        body.put("messageLog", log == null ? Map.of("readable", false) : logPart(log, now));
        body.put("logStamping", stamping);
        return new Report(ready, body);
    }

    private synchronized LogStatus probeDatabase(Map<String, Object> out) {
        long started = System.nanoTime();
        if (running == null || running.isDone()) {
            running = probe.submit(() -> {
                overviews.ping(timeout);
                return checkpoints.logStatus();
            });
        }
        try {
            LogStatus status = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            out.put("reachable", true);
            out.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
            return status;
        } catch (TimeoutException e) {
            out.put("reachable", false);
            out.put("error", "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            out.put("reachable", false);
            out.put("error", e.getCause().getClass().getSimpleName()); // the message may name hosts or users
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.put("reachable", false);
            out.put("error", "interrupted");
        }
        return null;
    }

    private synchronized List<String> probeKeys() {
        if (keysRunning == null || keysRunning.isDone()) {
            keysRunning = keyProbe.submit(keyProblems::get);
        }
        try {
            return keysRunning.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return List.of("keys: no answer from the token within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return List.of(
                    "keys: the token probe failed (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("keys: interrupted");
        }
    }

    private static Map<String, Object> expiry(Certificates.Entry c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", c.owner());
        m.put("role", c.role());
        m.put("serial", c.serial());
        m.put("notAfter", c.notAfter().toString());
        m.put("daysLeft", c.daysLeft(now));
        return m;
    }

    private static Map<String, Object> logPart(LogStatus log, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("headSeq", log.headSeq());
        m.put("lastCheckpointSeq", log.checkpointSeq());
        m.put(
                "lastCheckpointAt",
                log.checkpointAt() == null ? null : log.checkpointAt().toString());
        m.put(
                "lastCheckpointAgeSeconds",
                log.checkpointAt() == null
                        ? null
                        : Duration.between(log.checkpointAt(), now).getSeconds());
        m.put("entriesSinceCheckpoint", log.headSeq() - (log.checkpointSeq() == null ? 0 : log.checkpointSeq()));
        return m;
    }

    /** Read from the checkpoint worker's last view, without the database: it answers even when that hangs. */
    private Map<String, Object> stampingPart(StampingStatus s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!s.checkpointing()) {
            m.put("status", "OFF");
            return m;
        }
        boolean overdue = s.timeStamping()
                && s.oldestUnstampedAt() != null
                && Duration.between(s.oldestUnstampedAt(), now).compareTo(maxUnstampedAge) > 0;
        m.put("status", overdue || !s.anchorOk() ? "DEGRADED" : "UP");
        m.put("timeStamping", s.timeStamping());
        if (s.timeStamping()) {
            m.put("unstampedCheckpoints", s.unstamped());
            m.put("oldestUnstampedAgeSeconds", age(s.oldestUnstampedAt(), now));
            m.put("newestTimeStampAgeSeconds", age(s.newestStampedAt(), now));
            m.put("maxUnstampedAgeSeconds", maxUnstampedAge.toSeconds());
        }
        m.put("anchorFile", !s.anchoring() ? "NONE" : s.anchorOk() ? "OK" : "FAILING");
        return m;
    }

    private static Long age(Instant at, Instant now) {
        return at == null ? null : Duration.between(at, now).getSeconds();
    }

    @Override
    public void close() {
        probe.shutdownNow();
        keyProbe.shutdownNow();
    }
}
