package org.mlagateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.exchange.ExchangeEvents;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.LogCheckpoints;
import org.mlagateway.store.OperatorReads;
import org.mlagateway.store.QueueDepth;
import org.mlagateway.store.QueueItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's metrics in one Micrometer registry of its own (no global registry: two gateways in
 * one JVM keep theirs apart), served in the Prometheus text format. The exchange reports into it
 * through {@link ExchangeEvents}; queue depths are read from the store at each scrape;
 * certificate expiry is computed from the clock at each scrape. Labels carry codes, partner ids,
 * queue and body names only: never message content or personal data. docs/health-and-metrics.md lists
 * every metric.
 */
public final class GatewayMetrics implements ExchangeEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);
    private static final String NONE = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OperatorReads store;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge queueItems;
    private final AtomicInteger storeUp = new AtomicInteger(1);
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-queue-reader");
        t.setDaemon(true);
        return t;
    });
    private Future<List<QueueDepth>> reading;
    /**
     * The inbound meters by their tags, so that each delivery finds them with one map lookup
     * instead of building and registering them again (outcomes and codes are a closed set).
     */
    private final Map<String, Counter> receivedCounters = new ConcurrentHashMap<>();

    private final Map<String, Timer> handlingTimers = new ConcurrentHashMap<>();

    public <S extends OperatorReads & LogCheckpoints> GatewayMetrics(S store, Certificates certificates, Clock clock) {
        this(store, certificates, clock, null);
    }

    /**
     * With {@code node} given, every metric carries the label {@code node}: the nodes sharing one
     * database are scraped apart and summed by the monitoring system (docs/cluster.md).
     */
    public <S extends OperatorReads & LogCheckpoints> GatewayMetrics(
            S store, Certificates certificates, Clock clock, String node) {
        if (node != null) {
            registry.config().commonTags("node", node);
        }
        this.store = store;
        logStamping(store, clock);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        queueItems = MultiGauge.builder("mla.queue.items")
                .description("Open queue items by queue, target (domestic body or partner) and state")
                .register(registry);
        Gauge.builder("mla.store.up", storeUp, AtomicInteger::get)
                .description("1 if the last scrape could read the store, else 0")
                .register(registry);
        for (Certificates.Entry c : certificates.all()) {
            Gauge.builder("mla.certificate.expiry.days", () -> c.daysLeft(clock.instant()))
                    .description("Whole days until the certificate expires (negative once expired)")
                    .tags("owner", c.owner(), "role", c.role(), "serial", c.serial())
                    .register(registry);
        }
    }

    /** The log's stamping, from the checkpoint worker's last view: no database read at the scrape. */
    private void logStamping(LogCheckpoints log, Clock clock) {
        Gauge.builder("mla.log.checkpoints.unstamped", log, l -> l.stampingStatus()
                        .unstamped())
                .description("Signed message-log checkpoints still waiting for a time-stamp")
                .register(registry);
        Gauge.builder("mla.log.timestamp.age", log, l -> {
                    Instant at = l.stampingStatus().newestStampedAt();
                    return at == null
                            ? Double.NaN
                            : Duration.between(at, clock.instant()).toMillis() / 1000.0;
                })
                .baseUnit("seconds")
                .description("Age of the newest time-stamped message-log checkpoint (NaN: none yet)")
                .register(registry);
        Gauge.builder("mla.log.anchor.ok", log, l -> l.stampingStatus().anchorOk() ? 1 : 0)
                .description("1 while every signed checkpoint reached the anchor file(s), else 0")
                .register(registry);
    }

    /** The registry, for callers that add their own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void received(String outcome, String errorCode, Duration handling) {
        String code = errorCode == null ? NONE : errorCode;
        receivedCounters
                .computeIfAbsent(outcome + '\n' + code, k -> Counter.builder("mla.messages.received")
                        .description("Deliveries to our endpoint by outcome and error code")
                        .tags("outcome", outcome, "code", code)
                        .register(registry))
                .increment();
        handlingTimers
                .computeIfAbsent(outcome, k -> Timer.builder("mla.inbound.handling")
                        .description("Handling of one delivery, from its bytes to the answer")
                        .tags("outcome", outcome)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(1))
                        .register(registry))
                .record(handling);
    }

    @Override
    public void deliveryAttempted(String partner, DeliveryAttempt.Outcome outcome, ErrorCode errorCode, Duration took) {
        Counter.builder("mla.delivery.attempts")
                .description("Attempts to deliver to a partner by outcome and code")
                .tags(
                        "partner",
                        partner,
                        "outcome",
                        outcome.name(),
                        "code",
                        errorCode == null ? NONE : errorCode.wireName())
                .register(registry)
                .increment();
        Timer.builder("mla.outbound.delivery")
                .description("One delivery attempt: sealing, the POST and the receipt check")
                .tags("partner", partner)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry)
                .record(took);
    }

    @Override
    public void sent(String partner, DeliveryAttempt.Outcome outcome, ErrorCode errorCode) {
        Counter.builder("mla.messages.sent")
                .description("Outgoing messages that reached DELIVERED or FAILED")
                .tags(
                        "partner",
                        partner,
                        "outcome",
                        outcome.name(),
                        "code",
                        errorCode == null ? NONE : errorCode.wireName())
                .register(registry)
                .increment();
    }

    /** The metrics in the Prometheus text format (0.0.4), with queue depths read now. */
    public String scrape() {
        refreshQueues();
        return registry.scrape();
    }

    private synchronized void refreshQueues() {
        try {
            if (reading == null || reading.isDone()) {
                reading = reader.submit(store::queueDepths);
            }
            // A database that does not answer must not hang the scrape: report it down instead.
            List<QueueDepth> depths = reading.get(Health.DATABASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            queueItems.register(
                    depths.stream()
                            .filter(d -> d.state() != QueueItem.State.DONE)
                            .map(d -> MultiGauge.Row.of(
                                    Tags.of(
                                            "queue",
                                            d.queue().dbName(),
                                            "target",
                                            d.target(),
                                            "state",
                                            d.state().name()),
                                    d.count()))
                            .toList(),
                    true);
            storeUp.set(1);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn(
                    "metrics: queue depths not read: {}",
                    e instanceof ExecutionException
                            ? e.getCause().getMessage()
                            : "no answer within " + Health.DATABASE_TIMEOUT.toMillis() + " ms");
            queueItems.register(List.of(), true);
            storeUp.set(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            storeUp.set(0);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
        gc.close();
        registry.close();
    }
}
