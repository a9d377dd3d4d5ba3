package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.TwoGateways;

/** The operator pages over real HTTP, on KZ-GPO's internal listener, with real traffic in its store. */
class OperatorPagesTest {
    private static final Pattern MESSAGE_LINK = Pattern.compile("href=\"/ops/messages/(\\d+)\"[^>]*>([^<]+)</a>");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next\"");

    @TempDir
    static Path dir;

    static PopulatedGateways world;
    static PageClient operator;

    @BeforeAll
    static void start() throws Exception {
        world = new PopulatedGateways(dir);
        operator = new PageClient(world.gateways.kz.opsUrl());
        HttpResponse<String> login = operator.login("operator", token("operator"));
        assertEquals(303, login.statusCode(), login.body());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static String token(String client) {
        return ApiClient.token(world.gateways.deployment, "kz-gpo", client);
    }

    static List<String> messageIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_LINK.matcher(html);
        while (m.find()) {
            ids.add(m.group(2));
        }
        return ids;
    }

    static String log(String query) {
        HttpResponse<String> r = operator.get("/ops/log" + query);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void withoutASession_everyPageIs401WithTheLoginForm_butTheStyleSheetIsOpen() {
        PageClient anonymous = new PageClient(world.gateways.kz.opsUrl());
        for (String path :
                List.of("/ops/log", "/ops/queues", "/ops/deadlines", "/ops/messages/1", "/ops/messages/1/envelope")) {
            HttpResponse<String> r = anonymous.get(path);
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.body().contains("name=\"token\""), "the login form: " + path);
        }
        HttpResponse<String> css = anonymous.get("/ops/static/ops.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void wrongToken_is401_andTheFailureIsLoggedWithoutTheToken() {
        PageClient guesser = new PageClient(world.gateways.kz.opsUrl());
        String guess = "sample-guess-" + System.nanoTime();
        HttpResponse<String> r = guesser.login("operator", guess);
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Unknown client id or wrong token."), r.body());
        world.gateways.kz.access().flushDenials();
        LogEntry failed = world.entries("ops-login-failed").get(0);
        assertTrue(failed.details().contains("\"reasons\":\"wrong-token=1\""), failed.details());
        assertTrue(failed.details().contains("\"client\":\"operator\""), failed.details());
        assertFalse(failed.details().contains(guess), "never the token");
        assertEquals(401, guesser.get("/ops/log").statusCode(), "no session was made");
    }

    @Test
    void tokenTypedAsTheClientId_isNeverLogged() {
        PageClient confused = new PageClient(world.gateways.kz.opsUrl());
        String pasted = "pasted-" + System.nanoTime();
        assertEquals(401, confused.login(pasted, "").statusCode());
        world.gateways.kz.access().flushDenials();
        assertTrue(world.entries("ops-login-failed").stream()
                .anyMatch(e ->
                        e.details().contains("unknown-client") && e.details().contains("(not a configured client)")));
        assertTrue(world.entries("ops-login-failed").stream()
                .noneMatch(e -> e.details().contains(pasted)));
    }

    @Test
    void clientWithoutTheOperatorRole_is403() {
        PageClient translator = new PageClient(world.gateways.kz.opsUrl());
        HttpResponse<String> r = translator.login("translator", token("translator"));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("does not have the operator or the auditor role"), r.body());
        assertEquals(401, translator.get("/ops/log").statusCode());
    }

    @Test
    void loginWithoutTheFormsCsrfToken_is403() {
        PageClient forged = new PageClient(world.gateways.kz.opsUrl());
        HttpResponse<String> r = forged.post("/ops/login", "client", "operator", "token", token("operator"));
        assertEquals(403, r.statusCode());
        assertEquals(401, forged.get("/ops/log").statusCode());
    }

    @Test
    void login_setsAnHttpOnlySameSiteStrictSessionCookie_andLogoutEndsTheSession() {
        PageClient client = new PageClient(world.gateways.kz.opsUrl());
        HttpResponse<String> r = client.login("operator", token("operator"));
        assertEquals(303, r.statusCode());
        assertEquals(
                "/ops/log", r.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", ""));
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("mla_ops_session="))
                .findFirst()
                .orElseThrow();
        assertTrue(
                cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/ops"),
                cookie);
        assertTrue(cookie.split(";")[0].length() >= "mla_ops_session=".length() + 43, "256 random bits: " + cookie);
        HttpResponse<String> page = client.get("/ops/log");
        assertEquals(200, page.statusCode());
        assertTrue(
                page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals(403, client.post("/ops/logout").statusCode(), "logout needs the CSRF token too");
        assertEquals(
                303,
                client.post("/ops/logout", "csrf", PageClient.csrf(page.body())).statusCode());
        assertEquals(401, client.get("/ops/log").statusCode());
    }

    @Test
    void logPage_listsEveryMessageNewestFirst_andTheRejectionWithItsCodeAndCorrelationId() {
        String html = log("?limit=500");
        List<String> ids = messageIds(html);
        for (String id : world.received) {
            assertTrue(ids.contains(id), id);
        }
        assertTrue(ids.contains(world.delivered) && ids.contains(world.failed));
        assertTrue(ids.indexOf(world.failed) < ids.indexOf(world.kazakh), "newest first");
        assertTrue(html.contains("MalformedMessage"), "the rejection's error code");
        assertTrue(html.contains(world.rejectedCorrelationId), "the rejection's correlation id");
        // The rejection's row: the correlation id beside the message id, its subject cell empty.
        Matcher rejected =
                Pattern.compile("(?s)<tr class=\"rejected\">(.*?)</tr>").matcher(html);
        assertTrue(rejected.find(), html);
        List<String> cells = new ArrayList<>();
        Matcher cell = Pattern.compile("(?s)<td[^>]*>(.*?)</td>").matcher(rejected.group(1));
        while (cell.find()) {
            cells.add(cell.group(1));
        }
        assertEquals(8, cells.size(), rejected.group(1));
        assertTrue(cells.get(3).contains(world.rejectedCorrelationId), "under the message id: " + cells.get(3));
        assertEquals("", cells.get(6), "nothing under Subject");
        assertTrue(cells.get(4).contains("title=\"MalformedMessage\">The message is not well-formed SOAP 1.2."));
        // Times in the deployment's zone, named in the column.
        assertTrue(html.contains("<th>Time (Asia/Almaty)</th>"), html);
        Matcher time = Pattern.compile("<td class=\"time\">(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)</td>")
                .matcher(html);
        assertTrue(time.find(), html);
        java.time.Instant shown = java.time.LocalDateTime.parse(time.group(1).replace(' ', 'T'))
                .atZone(Messages.DEFAULT_ZONE)
                .toInstant();
        assertTrue(
                java.time.Duration.between(shown, java.time.Instant.now()).abs().toHours() < 1,
                "the newest row was stored minutes ago, in Asia/Almaty time: " + time.group(1));
    }

    @Test
    void filters_partnerDirectionStatusErrorCodeAndFlags() {
        List<String> out = messageIds(log("?direction=OUT"));
        assertEquals(List.of(world.failed, world.delivered), out);
        assertEquals(List.of(world.failed), messageIds(log("?status=FAILED")));
        assertTrue(messageIds(log("?partner=TR-MOJ")).isEmpty());
        assertEquals(6, messageIds(log("?partner=RU-GPO")).size());
        String rejected = log("?status=REJECTED");
        assertTrue(messageIds(rejected).isEmpty(), rejected);
        assertTrue(rejected.contains(world.rejectedCorrelationId), rejected);
        assertTrue(log("?errorCode=MalformedMessage").contains(world.rejectedCorrelationId));
        assertTrue(messageIds(log("?kind=PROVISIONAL_ARREST_REQUEST")).contains(world.arrest));
        HttpResponse<String> bad = operator.get("/ops/log?from=yesterday");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Invalid from"), bad.body());
    }

    @Test
    void theLog_isInTheDeploymentsLanguage_elseTheBrowsers_elseTheOneTheOperatorPicked() {
        PageClient reader = new PageClient(world.gateways.kz.opsUrl(), null);
        assertEquals(303, reader.login("operator", token("operator")).statusCode());
        String kazakh = reader.get("/ops/log").body();
        assertTrue(kazakh.contains("<html lang=\"kk\">") && kazakh.contains("Хабарламалар журналы"), kazakh);
        assertTrue(kazakh.contains("Келесі бет »") || kazakh.contains("Журналдың соңы."), kazakh);
        String russian = reader.get("/ops/log", "ru-RU,ru;q=0.9,en;q=0.5").body();
        assertTrue(russian.contains("<html lang=\"ru\">") && russian.contains("Журнал сообщений"), russian);
        assertEquals(403, reader.post("/ops/language", "language", "en").statusCode(), "no CSRF token");
        String csrf = PageClient.csrf(kazakh);
        assertEquals(
                400,
                reader.post("/ops/language", "csrf", csrf, "language", "de").statusCode());
        HttpResponse<String> picked =
                reader.post("/ops/language", "csrf", csrf, "language", "en", "back", "//elsewhere.example/ops/x");
        assertEquals(303, picked.statusCode(), picked.body());
        assertEquals("/ops/log", picked.headers().firstValue("Location").orElseThrow(), "never another site");
        String english = reader.get("/ops/log", "ru").body();
        assertTrue(english.contains("<html lang=\"en\">") && english.contains("<h1>Message log</h1>"), english);
        HttpResponse<String> back = reader.post("/ops/language", "csrf", csrf, "language", "ru", "back", "/ops/queues");
        assertEquals("/ops/queues", back.headers().firstValue("Location").orElseThrow());
        String queues = reader.get("/ops/queues").body();
        assertTrue(queues.contains("<html lang=\"ru\">"), "the frame of every page");
        assertTrue(queues.contains("<h1>Очереди</h1>"), queues);
    }

    @Test
    void textSearch_foldsKazakhCyrillicCase_andEscapesWhatItShows() {
        assertEquals(List.of(world.kazakh), messageIds(log("?q=" + q("өтініш"))));
        assertEquals(List.of(world.kazakh), messageIds(log("?q=" + q("Алаяқтық өтініш"))), "every word must occur");
        assertTrue(messageIds(log("?q=" + q("өтініш жоқ"))).isEmpty());
        String markup = log("?q=" + q("транзит"));
        assertEquals(List.of(world.markup), messageIds(markup));
        // In text, JTE escapes & < > (a quote ends nothing there); in attributes it escapes quotes too.
        assertTrue(markup.contains("&lt;b&gt;Транзит&lt;/b&gt; &amp; \"бағыт\""), "escaped");
        assertFalse(markup.contains("<b>Транзит"));
    }

    @Test
    void paging_visitsEveryRowOnce_inTheSameOrderAsOnePage() {
        List<String> all = messageIds(log("?limit=500"));
        List<String> paged = new ArrayList<>();
        String url = "/ops/log?limit=2";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = operator.get(url);
            assertEquals(200, r.statusCode());
            paged.addAll(messageIds(r.body()));
            Matcher next = NEXT.matcher(r.body());
            url = next.find() ? next.group(1).replace("&amp;", "&") : null;
            assertTrue(++pages < 50);
        }
        assertEquals(all, paged);
        assertEquals(paged.size(), new HashSet<>(paged).size());
        assertTrue(pages >= all.size() / 2);
    }

    @Test
    void detailPage_showsRoutingTimelineReceipt_andDownloadsTheStoredBytes() {
        long pk = world.pk(world.arrest);
        HttpResponse<String> r = operator.get("/ops/messages/" + pk);
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("id=\"routing\"") && html.contains("GPO-SUPERVISION"), "the routing decision");
        assertTrue(
                html.contains("<td title=\"received\">Received</td>")
                        && html.contains("<td title=\"routed\">Routed</td>"),
                "timeline, each event named in the page's language with its code beside");
        assertTrue(html.contains("issued by us"), "receipt");
        assertTrue(html.contains("<tr class=\"overdue\">"), "the provisional arrest's clock ran out: " + html);
        StoredMessage stored = world.gateways.kz.store().message(pk).orElseThrow();
        HttpResponse<byte[]> envelope = operator.download("/ops/messages/" + pk + "/envelope");
        assertEquals(200, envelope.statusCode());
        assertEquals(
                "application/soap+xml",
                envelope.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "attachment; filename=\"" + world.arrest + ".envelope.xml\"",
                envelope.headers().firstValue("Content-Disposition").orElseThrow());
        assertArrayEquals(stored.envelope(), envelope.body());
        HttpResponse<byte[]> xml = operator.download("/ops/messages/" + pk + "/message.xml");
        assertTrue(xml.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"));
        assertArrayEquals(stored.messageXml(), xml.body());
        HttpResponse<byte[]> receipt = operator.download("/ops/messages/" + pk + "/receipts/1");
        assertArrayEquals(world.gateways.kz.store().receipts(pk).get(0).xml(), receipt.body());
        assertEquals(404, operator.get("/ops/messages/999999").statusCode());
        HttpResponse<String> missing = operator.get("/ops/messages/999999", "kk");
        assertEquals(404, missing.statusCode());
        assertTrue(
                missing.body().contains("<html lang=\"kk\">")
                        && missing.body().contains("<h1>Табылмады</h1>")
                        && missing.body().contains("Мұндай жазба жоқ."),
                "an error page in the page's language, its English detail beside: " + missing.body());
        List<String> looked = world.gateways.kz.store().timeline(world.arrest).stream()
                .filter(e -> e.event().equals("ops-downloaded") && e.actor().equals("operator"))
                .map(LogEntry::details)
                .toList();
        for (String what : List.of("envelope", "message", "receipt-1")) {
            assertTrue(
                    looked.stream().anyMatch(d -> d.contains("\"what\":\"" + what + "\"")),
                    "each look at personal data is in the message log with the operator's name: " + looked);
        }
    }

    @Test
    void postsWithoutTheCsrfToken_are403_andChangeNothing() {
        long pk = world.pk(world.failed);
        MessageStatus status = world.status(world.failed);
        assertEquals(403, operator.post("/ops/messages/" + pk + "/requeue").statusCode());
        assertEquals(
                403,
                operator.post("/ops/messages/" + pk + "/requeue", "csrf", "forged")
                        .statusCode());
        assertEquals(403, operator.post("/ops/messages/" + pk + "/verify").statusCode());
        assertEquals(403, operator.post("/ops/queues/items/1/release").statusCode());
        assertEquals(status, world.status(world.failed));
    }

    @Test
    void releasingAStuckLease_isLoggedWithTheOperatorsName_andConfirmed() {
        long pk = world.pk(world.kazakh);
        QueueItem item = world.gateways.kz.store().queueItemsOf(pk).get(0);
        Duration lease = Duration.ofMinutes(1);
        List<QueueItem> claimed = world.gateways.kz.store().claim(item.queue(), null, "stuck-worker", 100, lease);
        assertTrue(claimed.stream().anyMatch(i -> i.id() == item.id()), "leased");
        assertFalse(operator.get("/ops/queues").body().contains("stuck-worker"), "a running lease is not stuck");
        world.clock.advance(lease);
        String queues = operator.get("/ops/queues").body();
        assertTrue(queues.contains("stuck-worker"), "a lease that has run out is listed as stuck: " + queues);
        HttpResponse<String> r =
                operator.post("/ops/queues/items/" + item.id() + "/release", "csrf", PageClient.csrf(queues));
        assertEquals(303, r.statusCode(), r.body());
        String confirmed =
                operator.get(r.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(confirmed.contains("Released the lease on item " + item.id()), confirmed);
        LogEntry released = world.gateways.kz.store().timeline(world.kazakh).stream()
                .filter(e -> e.event().equals("released"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals("operator", released.actor());
        assertEquals(
                QueueItem.State.READY,
                world.gateways.kz.store().queueItem(item.id()).orElseThrow().state());
    }

    @Test
    void requeueingAFailedMessage_sendsItAgain_andIsLoggedWithTheOperatorsName() {
        long pk = world.pk(world.failed);
        String detail = operator.get("/ops/messages/" + pk).body();
        assertTrue(detail.contains("Re-queue for sending"));
        HttpResponse<String> r = operator.post("/ops/messages/" + pk + "/requeue", "csrf", PageClient.csrf(detail));
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(operator.get(r.headers().firstValue("Location").orElseThrow())
                .body()
                .contains("Re-queued"));
        LogEntry requeued = world.gateways.kz.store().timeline(world.failed).stream()
                .filter(e -> e.event().equals("requeued"))
                .findFirst()
                .orElseThrow();
        assertEquals("operator", requeued.actor());
        TwoGateways.await(
                "delivery after re-queue",
                PopulatedGateways.DEADLINE,
                () -> world.status(world.failed) == MessageStatus.DELIVERED);
        HttpResponse<String> again = operator.post("/ops/messages/" + pk + "/requeue", "csrf", PageClient.csrf(detail));
        assertEquals(400, again.statusCode(), "only a FAILED message can be re-queued");
    }

    @Test
    void deadlines_listTheOpenClocks_earliestFirst() {
        HttpResponse<String> r = operator.get("/ops/deadlines");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains(world.arrest), "the provisional arrest's clock");
        assertEquals(400, operator.get("/ops/deadlines?days=-1").statusCode());
    }

    @Test
    void verify_runsEveryEvidenceCheckOnTheStoredMessage_andShowsEachOutcome() {
        for (String id : List.of(world.kazakh, world.delivered)) {
            long pk = world.pk(id);
            String detail = operator.get("/ops/messages/" + pk).body();
            HttpResponse<String> r = operator.post("/ops/messages/" + pk + "/verify", "csrf", PageClient.csrf(detail));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("Verified: every check passed"), r.body());
            for (String check : List.of(
                    Evidence.ENVELOPE_SIGNATURE,
                    Evidence.SIGNER_CERTIFICATE,
                    Evidence.CONTENT_DIGEST,
                    Evidence.RECEIPT,
                    Evidence.LOG_CHAIN)) {
                assertTrue(
                        r.body().contains("<tr class=\"check-pass\"><td><span title=\"" + check + "\">"),
                        check + ": " + r.body());
            }
            assertFalse(r.body().contains("check-fail"));
            assertTrue(world.gateways.kz.store().timeline(id).stream()
                    .anyMatch(e -> e.event().equals("ops-verified")
                            && e.actor().equals("operator")
                            && e.details().contains("\"outcome\":\"passed\"")));
        }
    }

    @Test
    void evidenceExport_isAZipAttachment_andNeedsTheCsrfToken() {
        long pk = world.pk(world.delivered);
        assertEquals(403, operator.post("/ops/messages/" + pk + "/evidence.zip").statusCode());
        String detail = operator.get("/ops/messages/" + pk).body();
        HttpResponse<String> r =
                operator.post("/ops/messages/" + pk + "/evidence.zip", "csrf", PageClient.csrf(detail));
        assertEquals(200, r.statusCode());
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "attachment; filename=\"" + world.delivered + ".evidence.zip\"",
                r.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(r.body().startsWith("PK"), "a zip");
        assertTrue(world.gateways.kz.store().timeline(world.delivered).stream()
                .anyMatch(e ->
                        e.event().equals("ops-evidence-exported") && e.actor().equals("operator")));
    }

    @Test
    void statistics_showTheYearsRequests_withTheChart() {
        int year = java.time.Instant.now().atZone(Messages.DEFAULT_ZONE).getYear();
        HttpResponse<String> r = operator.get("/ops/statistics?year=" + year);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Requests received from partner states"));
        Matcher all = Pattern.compile("(?s)id=\"statistics-in\">.*?<tr class=\"total\"><td>All requests</td>"
                        + "<td class=\"num\">(\\d+)<")
                .matcher(r.body());
        assertTrue(all.find(), r.body());
        assertEquals(world.received.size(), Integer.parseInt(all.group(1)), "every request received this year");
        HttpResponse<String> chart = operator.get("/ops/statistics/chart.svg?year=" + year);
        assertEquals(200, chart.statusCode());
        assertTrue(chart.headers().firstValue("Content-Type").orElseThrow().startsWith("image/svg+xml"));
        assertTrue(chart.body().contains("<svg"));
        assertEquals(400, operator.get("/ops/statistics?year=1999").statusCode());
    }
}
