package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlagateway.alerts.DeadlineAlerts;
import org.mlagateway.alerts.DeadlineBoard;
import org.mlagateway.config.AlertsConfig;
import org.mlagateway.config.SmtpConfig;
import org.mlagateway.config.WebhookConfig;
import org.mlagateway.testing.SmtpSink;
import org.mlagateway.testing.WebhookSink;

/**
 * Deadline alerts on a real store (V10 {@code alert_notifications}) with a loopback webhook and a loopback
 * SMTP server: each threshold a clock crosses is notified once per channel, again after a restart only
 * if it was not sent, and the dashboard and gauge count what is overdue.
 */
abstract class DeadlineAlertsContract extends StoreContract {
    static final Duration RETRY = Duration.ofMinutes(5);
    WebhookSink webhook;
    SmtpSink smtp;

    @BeforeEach
    void sinks() throws Exception {
        webhook = new WebhookSink();
        smtp = new SmtpSink();
    }

    @AfterEach
    void closeSinks() throws Exception {
        webhook.close();
        smtp.close();
    }

    AlertsConfig config() {
        return new AlertsConfig(
                Duration.ofMinutes(1),
                Duration.ofHours(72),
                List.of(Duration.ZERO, Duration.ofHours(72), Duration.ofHours(24)),
                RETRY,
                new WebhookConfig(webhook.url(), null, Duration.ofSeconds(10)),
                new SmtpConfig(
                        "127.0.0.1",
                        smtp.port(),
                        "NONE",
                        null,
                        null,
                        "gateway@gpo.example.kz",
                        List.of("duty@gpo.example.kz"),
                        Duration.ofSeconds(10)));
    }

    DeadlineAlerts alerts() {
        return new DeadlineAlerts(store, config(), clock);
    }

    /** An item of the forwarding queue of MVD due {@code in} from now. */
    long clockDueIn(Duration in) {
        String id = Samples.newId();
        store.accept(Samples.incoming(
                id,
                "v1",
                new Routing(
                        Queue.FORWARDING,
                        "MVD-INVESTIGATION",
                        5,
                        clock.instant().plus(in),
                        null,
                        null)));
        return store.queueItemsOf(store.message(Direction.IN, Samples.SENDER, id)
                        .orElseThrow()
                        .pk())
                .get(0)
                .id();
    }

    @Test
    void eachThresholdCrossed_isNotifiedOncePerChannel_andAfterARestartNotAgain() {
        long item = clockDueIn(Duration.ofHours(100));
        DeadlineAlerts alerts = alerts();
        assertEquals(0, alerts.runOnce(), "100h left: no threshold crossed");
        clock.advance(Duration.ofHours(30));
        assertEquals(2, alerts.runOnce(), "70h left: the 72h threshold, by webhook and by mail");
        assertEquals(0, alerts.runOnce(), "once per threshold");
        assertEquals(1, webhook.bodies().size());
        String body = webhook.bodies().get(0);
        assertTrue(
                body.contains("\"threshold\":\"PT72H\"")
                        && body.contains("\"itemId\":" + item)
                        && body.contains("\"target\":\"MVD-INVESTIGATION\"")
                        && body.contains("\"overdue\":false"),
                body);
        assertEquals(1, smtp.mails().size());
        assertTrue(
                smtp.mails().get(0).contains("To: duty@gpo.example.kz"),
                smtp.mails().get(0));

        reopen();
        alerts = alerts();
        assertEquals(0, alerts.runOnce(), "a restart sends nothing that was sent");
        clock.advance(Duration.ofHours(71));
        assertEquals(2, alerts.runOnce(), "past due: the 24h threshold is superseded by the due one");
        assertEquals(2, webhook.bodies().size());
        assertTrue(webhook.bodies().get(1).contains("\"threshold\":\"PT0S\"")
                && webhook.bodies().get(1).contains("\"overdue\":true"));
        assertEquals(0, alerts.runOnce());
        assertEquals(
                1,
                alerts.overdueByKind().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
    }

    @Test
    void aNotificationTheSinkRefused_isSentAfterARestart_once() {
        clockDueIn(Duration.ofHours(10));
        webhook.answer(500);
        smtp.refuse(true);
        DeadlineAlerts alerts = alerts();
        assertEquals(0, alerts.runOnce(), "neither sink accepted it");
        assertEquals(0, alerts.runOnce(), "a fresh claim is not retried before retryAfter");

        webhook.answer(204);
        smtp.refuse(false);
        reopen();
        clock.advance(RETRY.plusSeconds(1));
        alerts = alerts();
        assertEquals(2, alerts.runOnce(), "after the restart, what was not sent is sent");
        assertEquals(0, alerts.runOnce());
        assertEquals(1, webhook.bodies().size());
        assertTrue(webhook.bodies().get(0).contains("\"threshold\":\"PT24H\""), "the tightest crossed threshold");
        assertEquals(1, smtp.mails().size());
    }

    @Test
    void dashboard_countsOverdueAndSoonDue_perBodyAndPartner() {
        clockDueIn(Duration.ofHours(-2));
        clockDueIn(Duration.ofHours(5));
        clockDueIn(Duration.ofDays(30));
        DeadlineBoard board = alerts().board();
        assertEquals(2, board.clocks().size(), "the one due in 30 days is outside the window");
        assertEquals(List.of(new DeadlineBoard.Count("MVD-INVESTIGATION", 1, 1)), board.byBody());
        assertEquals(List.of(new DeadlineBoard.Count(Samples.SENDER, 1, 1)), board.byPartner());
        assertTrue(board.overdue(board.clocks().get(0)));
        assertFalse(board.overdue(board.clocks().get(1)));
    }

    @Test
    void theOverdueGauge_countsOverdueClocksByKind_asOfTheLastRun() {
        clockDueIn(Duration.ofHours(-2));
        clockDueIn(Duration.ofHours(5));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        DeadlineAlerts alerts = alerts();
        alerts.bindTo(registry);
        alerts.runOnce();
        var gauges = registry.find("mla.deadlines.overdue").gauges();
        assertEquals(1, gauges.size(), "one kind is overdue");
        assertEquals(1.0, gauges.iterator().next().value());
        assertTrue(gauges.iterator().next().getId().getTag("kind") != null, "tagged by kind");
        clock.advance(Duration.ofHours(6));
        alerts.runOnce();
        assertEquals(2.0, registry.find("mla.deadlines.overdue").gauge().value(), "both overdue after 6 hours");
    }

    @Test
    void claims_areExclusive_untilRetryAfter() {
        assertTrue(store.claimNotification("queue-item:1", "PT0S", "webhook", RETRY));
        assertFalse(store.claimNotification("queue-item:1", "PT0S", "webhook", RETRY));
        clock.advance(RETRY.plusSeconds(1));
        assertTrue(store.claimNotification("queue-item:1", "PT0S", "webhook", RETRY), "a stale claim is taken on");
        store.notificationSent("queue-item:1", "PT0S", "webhook");
        clock.advance(RETRY.multipliedBy(10));
        assertFalse(store.claimNotification("queue-item:1", "PT0S", "webhook", RETRY), "sent is final");
        assertTrue(store.claimNotification("queue-item:1", "PT0S", "email", RETRY), "each channel apart");
    }
}
