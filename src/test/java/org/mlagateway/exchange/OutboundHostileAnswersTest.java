package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.config.SendingConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.HostilePartner;
import org.mlagateway.testing.HostilePartner.Behaviour;
import org.mlagateway.testing.HostilePartner.Served;
import org.mlagateway.testing.Http;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.TwoGateways;

/**
 * A partner's answer is untrusted input. KZ-GPO sends to "RU-GPO" at a loopback TLS server that
 * holds RU-GPO's TLS key and answers badly on purpose, then passes later requests to the real RU
 * gateway. Whatever it answers, each attempt ends by its deadline with a code from our catalogue,
 * reads no more than the response limit, is recorded, and leaves the other messages unharmed.
 */
class OutboundHostileAnswersTest {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_RESPONSE_BYTES = 256 * 1024;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Two workers, at most one of them on one partner. */
    private static final SendingConfig SENDING = new SendingConfig(
            Duration.ofMillis(50), MAX_BACKOFF, GIVE_UP_AFTER, 2, ATTEMPT_TIMEOUT, MAX_RESPONSE_BYTES, 1);

    @TempDir
    static Path dir;

    private static TwoGateways gateways;
    private static PartnerClient ru;
    private static Behaviour forward;
    private HostilePartner partner;

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(dir, SENDING);
        ru = new PartnerClient(gateways.deployment, "ru-gpo", "kz-gpo");
        forward = HostilePartner.forwardTo(
                new PartnerClient(gateways.deployment, "kz-gpo", "ru-gpo"), gateways.ru.exchangeUrl());
        // One delivery first, so that the short deadlines below measure the partner, not a cold JVM.
        String warm = submit();
        TwoGateways.await("a first delivery", DEADLINE, () -> List.of(MessageStatus.DELIVERED, MessageStatus.FAILED)
                .contains(message(warm).status()));
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    @AfterEach
    void closePartner() {
        gateways.kz.useEndpoint("RU-GPO", gateways.ru.exchangeUrl());
        if (partner != null) {
            partner.close();
        }
    }

    /** RU-GPO's endpoint is now a hostile server that does {@code script} first, then {@code otherwise}. */
    private HostilePartner hostile(Behaviour otherwise, Behaviour... script) {
        partner = new HostilePartner(ru.tls, "/exchange/v1", otherwise).script(script);
        gateways.kz.useEndpoint("RU-GPO", partner.url());
        return partner;
    }

    private static String submit() {
        Message m = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        gateways.kz
                .submissions()
                .submit(gateways.kz.codec().write(m), "test", UUID.randomUUID().toString());
        return m.getHeader().getMessageId();
    }

    private static StoredMessage message(String id) {
        return gateways.kz.store().message(Direction.OUT, "RU-GPO", id).orElseThrow();
    }

    private static void awaitStatus(String id, MessageStatus status) {
        TwoGateways.await(
                id + " " + status, DEADLINE, () -> status == message(id).status());
    }

    private static List<DeliveryAttempt> attempts(String id) {
        return gateways.kz.store().attempts(message(id).pk());
    }

    private static List<LogEntry> events(String id, String event) {
        return gateways.kz.store().timeline(id).stream()
                .filter(e -> event.equals(e.event()))
                .toList();
    }

    private static Behaviour answer(int status, Map<String, String> headers, String body) {
        return HostilePartner.answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Behaviour fault(int status, String soapCode, String code, String retryable) {
        return HostilePartner.answer(status, Map.of(), HostilePartner.fault(soapCode, code, retryable, "no"));
    }

    @Test
    void hugeAnswer_isCutAtTheLimit_asARetryableResponseTooLarge_andTheNextAttemptDelivers() {
        long huge = 64L * 1024 * 1024;
        hostile(forward, HostilePartner.endlessBody(huge));
        String id = submit();
        awaitStatus(id, MessageStatus.DELIVERED);

        DeliveryAttempt first = attempts(id).get(0);
        assertEquals(DeliveryAttempt.Outcome.RETRYABLE_ERROR, first.outcome());
        assertEquals("ResponseTooLarge", first.errorCode());
        Served served = partner.served().get(0);
        TwoGateways.await("the server to notice", DEADLINE, () -> served.ended() != null);
        assertTrue(served.cutByClient(), "the sender closed the connection before the body ended");
        // What the server got out before the close is the limit plus what socket buffers hold: far below the body.
        assertTrue(served.bodyBytes() < huge / 8, served.bodyBytes() + " bytes were written of " + huge);
    }

    @Test
    void drippedAnswer_endsAtTheAttemptDeadline_andNoOneElseClaimsTheItemMeanwhile() {
        hostile(forward, HostilePartner.drip(Duration.ofMillis(100)));
        String id = submit();
        TwoGateways.await(
                "the drip to be under way",
                DEADLINE,
                () -> partner.requests() == 1 && partner.served().get(0).bodyBytes() >= 5);
        Served dripping = partner.served().get(0);
        assertNull(dripping.ended(), "still dripping");
        // Another node (or worker) looking for work now must not get the item in flight.
        assertEquals(
                List.of(), gateways.kz.store().claim(Queue.SEND, "RU-GPO", "another-node", 10, Duration.ofSeconds(1)));
        QueueItem item = gateways.kz.store().queueItemsOf(message(id).pk()).get(0);
        assertEquals(QueueItem.State.LEASED, item.state());
        assertTrue(
                item.leaseUntil().isAfter(dripping.started.plus(ATTEMPT_TIMEOUT)),
                "the lease outlives the attempt's deadline: " + item.leaseUntil() + " vs " + dripping.started);

        awaitStatus(id, MessageStatus.DELIVERED);
        DeliveryAttempt first = attempts(id).get(0);
        assertEquals("PartnerTimeout", first.errorCode());
        assertEquals(DeliveryAttempt.Outcome.RETRYABLE_ERROR, first.outcome());
        assertTrue(first.durationMs() >= ATTEMPT_TIMEOUT.toMillis(), first.durationMs() + " ms");
        assertTrue(
                first.durationMs() < ATTEMPT_TIMEOUT.toMillis() + 3000, "ended by its deadline: " + first.durationMs());
        TwoGateways.await("the server to notice", DEADLINE, () -> dripping.ended() != null);
        assertTrue(dripping.cutByClient(), "the sender closed the connection at the deadline");
        assertTrue(
                Duration.between(dripping.started, dripping.ended()).compareTo(ATTEMPT_TIMEOUT.plusSeconds(3)) < 0,
                "the drip was cut near the deadline");
        assertEquals(2, events(id, "claimed").size(), "claimed once per attempt, by one worker each time");
    }

    @Test
    void hostileFaultCode_failsThatItemAlone_withOneAttemptRecorded_andTheRestOfTheBatchIsDelivered() {
        String code = "Bad\r\nCode\tinjected\u0085\u202e" + "A".repeat(80);
        assertEquals(100, code.length());
        CountDownLatch release = new CountDownLatch(1);
        // The first request holds this partner's one worker slot while three more messages queue up
        // behind it, so that one worker then claims all three as one batch.
        hostile(
                forward,
                HostilePartner.hold(release, answer(503, Map.of(), "busy")),
                HostilePartner.answer(
                        500,
                        Map.of(),
                        HostilePartner.fault("soap:Receiver", code, "false", "Reason\u0085 with\ncontrol characters")));
        String blocker = submit();
        TwoGateways.await("the blocker in flight", DEADLINE, () -> partner.requests() == 1);
        String bad = submit();
        String good1 = submit();
        String good2 = submit();
        release.countDown();

        awaitStatus(good1, MessageStatus.DELIVERED);
        awaitStatus(good2, MessageStatus.DELIVERED);
        awaitStatus(blocker, MessageStatus.DELIVERED);
        assertEquals(MessageStatus.FAILED, message(bad).status());
        List<DeliveryAttempt> attempts = attempts(bad);
        assertEquals(1, attempts.size(), "one attempt, recorded");
        DeliveryAttempt attempt = attempts.get(0);
        assertEquals(DeliveryAttempt.Outcome.FAILED, attempt.outcome());
        assertEquals("PartnerFault", attempt.errorCode());
        assertEquals(500, attempt.httpStatus());
        String cleaned = "Bad Code injected" + "A".repeat(64 - "Bad Code injected".length());
        assertTrue(
                attempt.detail().contains("partner fault " + cleaned + ": Reason with control characters"),
                attempt.detail());
        assertTrue(attempt.detail().chars().noneMatch(Character::isISOControl), attempt.detail());
        String owner = events(bad, "claimed").get(0).actor();
        assertEquals(owner, events(good1, "claimed").get(0).actor(), "claimed in one batch");
        assertEquals(owner, events(good2, "claimed").get(0).actor(), "claimed in one batch");
    }

    @Test
    void retryableHostileFault_isRecordedEveryTime_untilTheGiveUpRuleFailsIt_andNeverBecomesAMetricLabel() {
        String code = "Evil\u0085Label\"} 1\n" + "B".repeat(85);
        hostile(HostilePartner.answer(500, Map.of(), HostilePartner.fault("soap:Receiver", code, "true", "x")));
        String id = submit();
        TwoGateways.await(
                "give up", GIVE_UP_AFTER.plus(DEADLINE), () -> message(id).status() == MessageStatus.FAILED);

        List<DeliveryAttempt> attempts = attempts(id);
        assertEquals(partner.requests(), attempts.size(), "every attempt recorded");
        assertTrue(attempts.size() >= 2, attempts.size() + " attempts");
        assertTrue(attempts.stream().allMatch(a -> "PartnerFault".equals(a.errorCode())));
        DeliveryAttempt last = attempts.get(attempts.size() - 1);
        assertEquals(DeliveryAttempt.Outcome.FAILED, last.outcome());
        assertTrue(last.detail().startsWith("gave up after " + GIVE_UP_AFTER), last.detail());

        String metrics = Http.text(
                        java.net.http.HttpClient.newHttpClient(),
                        java.net.http.HttpRequest.newBuilder(
                                        gateways.kz.apiUrl().resolve("/metrics"))
                                .GET()
                                .build())
                .body();
        assertTrue(metrics.contains("code=\"PartnerFault\""), "catalogue code as the label");
        assertFalse(metrics.contains("Evil"), "the partner's code is no label");
    }

    @Test
    void senderFaultWith400_isFinalAfterOneAttempt() {
        hostile(forward, fault(400, "soap:Sender", "SchemaInvalid", "false"));
        String id = submit();
        awaitStatus(id, MessageStatus.FAILED);
        List<DeliveryAttempt> attempts = attempts(id);
        assertEquals(1, attempts.size());
        assertEquals("SchemaInvalid", attempts.get(0).errorCode());
        assertEquals(400, attempts.get(0).httpStatus());
        assertEquals(1, partner.requests());
    }

    @Test
    void senderFaultWith400_thatSaysRetryable_isRetried() {
        hostile(forward, fault(400, "soap:Sender", "Replay", "true"));
        String id = submit();
        awaitStatus(id, MessageStatus.DELIVERED);
        assertEquals("Replay", attempts(id).get(0).errorCode());
        assertEquals(
                DeliveryAttempt.Outcome.RETRYABLE_ERROR, attempts(id).get(0).outcome());
    }

    @Test
    void unavailable503_isRetried_afterItsRetryAfter_butNoLongerThanTheMaximumBackOff() {
        hostile(
                forward,
                HostilePartner.answer(
                        503,
                        Map.of("Retry-After", "1"),
                        HostilePartner.fault("soap:Receiver", "TemporarilyUnavailable", "true", "busy")),
                answer(503, Map.of("Retry-After", "86400"), "<html>maintenance</html>"));
        String id = submit();
        awaitStatus(id, MessageStatus.DELIVERED);
        List<DeliveryAttempt> attempts = attempts(id);
        assertEquals(
                List.of("TemporarilyUnavailable", "TemporarilyUnavailable"),
                attempts.subList(0, 2).stream().map(DeliveryAttempt::errorCode).toList());
        List<LogEntry> nacks = events(id, "nacked");
        assertTrue(
                nacks.get(0).details().contains("\"delayMs\":1000,"),
                "Retry-After: 1 over a 50 ms back-off: " + nacks.get(0).details());
        assertTrue(
                nacks.get(1).details().contains("\"delayMs\":" + MAX_BACKOFF.toMillis() + ","),
                "a day's Retry-After is cut to the maximum back-off: "
                        + nacks.get(1).details());
    }

    @Test
    void serverErrorWithoutAFault_isRetried_butAFinalFaultWith500_isFinal() {
        hostile(forward, answer(502, Map.of(), "<html>bad gateway</html>"));
        String retried = submit();
        awaitStatus(retried, MessageStatus.DELIVERED);
        DeliveryAttempt first = attempts(retried).get(0);
        assertEquals("PartnerFault", first.errorCode());
        assertEquals(DeliveryAttempt.Outcome.RETRYABLE_ERROR, first.outcome());

        partner.script(fault(500, "soap:Receiver", "InternalError", "false"));
        String failed = submit();
        awaitStatus(failed, MessageStatus.FAILED);
        assertEquals("InternalError", attempts(failed).get(0).errorCode());
    }
}
