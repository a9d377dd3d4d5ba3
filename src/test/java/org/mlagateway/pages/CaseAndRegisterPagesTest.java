package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Channel;
import org.mlagateway.message.xml.Message;
import org.mlagateway.register.Register;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.TwoGateways;

/**
 * The case view and the register page over real HTTP on KZ-GPO's operator pages: an INTERPOL copy with
 * {@code OriginalToFollow} is "expected by" its date and overdue after it until the original arrives by
 * the diplomatic channel, which it then links; the register page needs the register role and logs reads.
 */
class CaseAndRegisterPagesTest {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static TwoGateways gateways;
    static PageClient operator;
    static PageClient admin;
    static ExampleMessages examples;

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(dir);
        operator = login("operator");
        admin = login("admin");
        examples = new ExampleMessages(gateways.ru.codec());
    }

    static PageClient login(String client) {
        PageClient c = new PageClient(gateways.kz.opsUrl());
        assertEquals(
                303,
                c.login(client, ApiClient.token(gateways.deployment, "kz-gpo", client))
                        .statusCode());
        return c;
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    static String fromRu(Message m) {
        gateways.ru
                .submissions()
                .submit(gateways.ru.codec().write(m), "test", UUID.randomUUID().toString());
        String id = m.getHeader().getMessageId();
        TwoGateways.await(
                "arrival of " + id,
                DEADLINE,
                () -> !gateways.kz.store().messagesById(id).isEmpty());
        return id;
    }

    static long pk(String messageId) {
        return gateways.kz.store().messagesById(messageId).get(0).pk();
    }

    static String casePage(String conversation) {
        HttpResponse<String> r = operator.get("/ops/cases/" + conversation, "en");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void interpolCopy_isExpectedThenOverdue_andLinksItsOriginalWhenItArrives() {
        Message copy = examples.request("provisional-arrest-request.xml", "RU-GPO", "KZ-GPO");
        copy.getHeader().getChannel().getOriginalToFollow().setExpectedBy(LocalDate.of(2020, 1, 10));
        String conversation = copy.getHeader().getConversationId();
        String copyId = fromRu(copy);

        String before = casePage(conversation);
        assertTrue(before.contains("original expected by 2020-01-10"), before);
        assertTrue(before.contains("id=\"case-overdue\""), "past the expected date the case is overdue");
        String kk = operator.get("/ops/cases/" + conversation, "kk").body();
        assertTrue(kk.contains(": дайын<"), "a queue state by name: " + kk);
        for (String code : new String[] {"ARREST_WARRANT", ": READY<", ": LEASED<", ": DEAD<"}) {
            assertFalse(kk.contains(code), "no raw code " + code + " in Kazakh");
        }
        String log =
                operator.get("/ops/log?conversationId=" + conversation, "en").body();
        assertTrue(log.contains("href=\"/ops/cases/" + conversation + "\""), "the log row links the case");
        String detail = operator.get("/ops/messages/" + pk(copyId), "en").body();
        assertTrue(detail.contains("href=\"/ops/cases/" + conversation + "\""), "the detail page links the case");

        Message original = examples.request("provisional-arrest-request.xml", "RU-GPO", "KZ-GPO");
        original.getHeader().setConversationId(conversation);
        original.getHeader().getChannel().setPrimary(Channel.DIPLOMATIC);
        original.getHeader().getChannel().setOriginalToFollow(null);
        original.getHeader().getChannel().setTransmissionMeans(null);
        String originalId = fromRu(original);

        String after = casePage(conversation);
        assertTrue(after.contains("original arrived:"), after);
        assertTrue(after.contains("href=\"/ops/messages/" + pk(originalId) + "\" class=\"original\""), after);
        assertFalse(after.contains("original expected by"), after);
    }

    @Test
    void anotherChannelOrKind_isNotTheOriginal() {
        Message copy = examples.request("provisional-arrest-request.xml", "RU-GPO", "KZ-GPO");
        copy.getHeader()
                .getChannel()
                .getOriginalToFollow()
                .setExpectedBy(LocalDate.now().plusDays(30));
        String conversation = copy.getHeader().getConversationId();
        fromRu(copy);
        Message second = examples.request("provisional-arrest-request.xml", "RU-GPO", "KZ-GPO");
        second.getHeader().setConversationId(conversation);
        second.getHeader().getChannel().setPrimary(Channel.CENTRAL_AUTHORITY);
        second.getHeader().getChannel().setOriginalToFollow(null);
        fromRu(second);
        String page = casePage(conversation);
        assertTrue(page.contains("original expected by"), page);
        assertTrue(page.contains("<li>"), page);
        assertFalse(page.contains("<li class=\"overdue\">"), "before the date the copy is not overdue");
    }

    @Test
    void unknownOrMalformedConversation_is404() {
        assertEquals(404, operator.get("/ops/cases/" + UUID.randomUUID(), "en").statusCode());
        assertEquals(404, operator.get("/ops/cases/a%3Cb", "en").statusCode());
    }

    @Test
    void registerPage_needsTheRegisterRole_showsKazakhLabels_andEveryReadIsLogged() {
        assertEquals(403, operator.get("/ops/register", "kk").statusCode());
        long before = reads();
        HttpResponse<String> r =
                admin.get("/ops/register?name=" + "%D0%90%D1%85%D0%BC%D0%B5%D1%82%D0%BE%D0%B2%D0%B0", "kk");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Шетелде қудаланатын"), "the Kazakh title");
        assertTrue(r.body().contains("<label for=\"name\">Аты-жөні"), "the field is labelled");
        assertEquals(before + 1, reads());
        HttpResponse<String> bad = admin.get("/ops/register?iin=123", "ru");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("ИИН состоит из 12 цифр"), bad.body());
        HttpResponse<byte[]> csv = admin.download("/ops/register.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8).startsWith("entry_id,names,iin"));
        assertEquals(before + 2, reads());
    }

    @Test
    void registerOnlyClient_signsIn_toTheRegister_andReachesNoOtherPage() {
        PageClient registrar = new PageClient(gateways.kz.opsUrl());
        HttpResponse<String> in =
                registrar.login("registrar", ApiClient.token(gateways.deployment, "kz-gpo", "registrar"));
        assertEquals(303, in.statusCode());
        assertEquals("/ops/register", in.headers().firstValue("Location").orElseThrow());
        long before = reads();
        HttpResponse<String> page = registrar.get("/ops/register", "kk");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Шетелде қудаланатын"), "the Kazakh title");
        assertFalse(page.body().contains("href=\"/ops/log\""), "no link to the message log");
        assertEquals(200, registrar.download("/ops/register.csv").statusCode());
        assertEquals(before + 2, reads(), "both reads logged");
        assertEquals(
                "/ops/register",
                registrar.get("/ops/").headers().firstValue("Location").orElseThrow());
        for (String other : new String[] {
            "/ops/log",
            "/ops/messages/" + 1,
            "/ops/cases/" + UUID.randomUUID(),
            "/ops/queues",
            "/ops/deadlines",
            "/ops/deadlines/dashboard",
            "/ops/statistics",
            "/ops/certificates",
            "/ops/log/verify",
            "/ops/register/../log",
            "/ops/register;x=1"
        }) {
            assertEquals(403, registrar.get(other, "en").statusCode(), other);
        }
        PageClient consular = new PageClient(gateways.kz.opsUrl());
        assertEquals(
                403,
                consular.login("consular", ApiClient.token(gateways.deployment, "kz-gpo", "consular"))
                        .statusCode(),
                "the consular role enters confirmations through the API and has no page");
    }

    static long reads() {
        return gateways.kz.store().logPage(0, Long.MAX_VALUE, 100_000).stream()
                .filter(e -> e.event().equals(Register.READ_EVENT))
                .count();
    }
}
