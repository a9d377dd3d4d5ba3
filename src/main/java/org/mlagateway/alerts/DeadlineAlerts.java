package org.mlagateway.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mlagateway.config.AlertsConfig;
import org.mlagateway.store.AlertStore;
import org.mlagateway.store.DueClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadline alerts (docs/operations.md#deadline-alerts).
 *
 * <p>Guarantees: a clock that crosses a threshold is notified once per channel, on any number of nodes
 * and across restarts; a notification is marked sent only after its sink accepted it, so one that was
 * not sent is sent after a restart (or after {@code alerts.retryAfter}), and one that was sent never
 * again. When a run finds a clock past several thresholds at once (a first start, a long stop) it sends
 * the tightest and records the looser ones as superseded. A run reads at most {@link #MAX_CLOCKS} clocks.
 * The gauge {@code mla_deadlines_overdue{kind}} counts the overdue clocks by message kind as of the last
 * run.
 */
public final class DeadlineAlerts implements AutoCloseable {
    /** The most clocks one run or one dashboard reads. */
    public static final int MAX_CLOCKS = 10_000;
    /** How many clocks the dashboard lists one by one. */
    public static final int LISTED = 200;

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineAlerts.class);
    private final AlertStore store;
    private final AlertsConfig config;
    private final Clock clock;
    private final List<Notifier> notifiers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deadline-alerts");
        t.setDaemon(true);
        return t;
    });
    private volatile Map<String, Integer> overdueByKind = Map.of();
    private MultiGauge gauge;

    public DeadlineAlerts(AlertStore store, AlertsConfig config, Clock clock) {
        this(store, config, clock, notifiers(config));
    }

    DeadlineAlerts(AlertStore store, AlertsConfig config, Clock clock, List<Notifier> notifiers) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.notifiers = List.copyOf(notifiers);
    }

    private static List<Notifier> notifiers(AlertsConfig config) {
        List<Notifier> out = new ArrayList<>();
        if (config.webhook() != null) {
            out.add(new WebhookNotifier(config.webhook()));
        }
        if (config.email() != null) {
            out.add(new MailNotifier(config.email()));
        }
        return out;
    }

    /** Registers the overdue gauge in {@code registry}. */
    public void bindTo(MeterRegistry registry) {
        gauge = MultiGauge.builder("mla.deadlines.overdue")
                .description("Open queue items past their due date, by message kind, as of the last alerts run")
                .register(registry);
    }

    /** Runs every {@code alerts.checkEvery} on its own thread. */
    public void start() {
        timer.scheduleWithFixedDelay(this::runLogged, 0, config.checkEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("deadline alerts run failed; retrying in {} ({})", config.checkEvery(), e.toString());
        }
    }

    /** One run: refreshes the gauge and sends what is due. Returns the notifications sent. */
    public int runOnce() {
        Instant now = clock.instant();
        Duration widest = config.thresholds().get(0);
        List<DueClock> clocks = store.openClocks(now.plus(widest).plusNanos(1_000), MAX_CLOCKS);
        refreshGauge(clocks, now);
        int sent = 0;
        for (DueClock c : clocks) {
            Duration left = Duration.between(now, c.dueAt());
            // thresholds are sorted widest first: the last crossed is the tightest
            List<Duration> crossed = config.thresholds().stream()
                    .filter(t -> left.compareTo(t) <= 0)
                    .toList();
            if (crossed.isEmpty()) {
                continue;
            }
            Duration tightest = crossed.get(crossed.size() - 1);
            for (Notifier n : notifiers) {
                for (Duration looser : crossed.subList(0, crossed.size() - 1)) {
                    store.notificationSuperseded(c.key(), looser.toString(), n.channel());
                }
                sent += notify(n, new Alert(c, tightest, now)) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean notify(Notifier n, Alert a) {
        String key = a.clock().key();
        if (!store.claimNotification(key, a.thresholdName(), n.channel(), config.retryAfter())) {
            return false;
        }
        try {
            n.send(a);
        } catch (Notifier.AlertNotSent e) {
            LOG.info(
                    "deadline alert {} {} for item {} not sent by {}: {}",
                    a.thresholdName(),
                    a.overdue() ? "(overdue)" : "",
                    a.clock().itemId(),
                    n.channel(),
                    e.getMessage());
            store.notificationFailed(key, a.thresholdName(), n.channel(), e.getMessage());
            return false;
        }
        store.notificationSent(key, a.thresholdName(), n.channel());
        return true;
    }

    private void refreshGauge(List<DueClock> clocks, Instant now) {
        Map<String, Integer> counts = new TreeMap<>();
        for (DueClock c : clocks) {
            if (!c.dueAt().isAfter(now)) {
                counts.merge(c.kind(), 1, Integer::sum);
            }
        }
        overdueByKind = Map.copyOf(counts);
        if (gauge != null) {
            gauge.register(
                    counts.entrySet().stream()
                            .map(e -> MultiGauge.Row.of(Tags.of("kind", e.getKey()), e.getValue()))
                            .toList(),
                    true);
        }
    }

    /** The overdue clocks by message kind as of the last run. */
    public Map<String, Integer> overdueByKind() {
        return overdueByKind;
    }

    /** The dashboard: overdue clocks and those due within {@code alerts.soonDue}. */
    public DeadlineBoard board() {
        Instant now = clock.instant();
        List<DueClock> clocks = store.openClocks(now.plus(config.soonDue()), MAX_CLOCKS);
        DeadlineBoard all = DeadlineBoard.of(now, clocks, clocks.size() == MAX_CLOCKS);
        return new DeadlineBoard(
                now,
                all.byBody(),
                all.byPartner(),
                clocks.subList(0, Math.min(LISTED, clocks.size())),
                all.truncated() || clocks.size() > LISTED);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
