package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.message.PersonFields;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.testing.ApiClient;

/**
 * Who sees which person fields, on the operator pages and in the API, over real HTTP on KZ-GPO's
 * internal listener with real traffic in its store: the auditor sees them masked and acts on
 * nothing; the operator sees them in full; each read is one message-log entry.
 */
class PersonDataByRoleTest {
    /** The person of the MLA request example: Kazakh and Russian Cyrillic, Latin, IIN, passport. */
    private static final List<String> CLEAR = List.of(
            "Сәрсенбаев",
            "Сарсенбаев",
            "SARSENBAYEV",
            "Ерғали",
            "YERGALI",
            "Нурланович",
            "880228305469",
            "N12345678",
            "1988-02-28");

    private static final List<String> MASKED = List.of("С•••", "S•••", "Е•••", "Y•••", "Н•••", "•••69", "•••78");

    @TempDir
    static Path dir;

    static PopulatedGateways world;
    static PageClient operator;
    static PageClient auditor;

    @BeforeAll
    static void start() throws Exception {
        world = new PopulatedGateways(dir);
        operator = new PageClient(world.gateways.kz.opsUrl());
        assertEquals(303, operator.login("operator", token("operator")).statusCode());
        auditor = new PageClient(world.gateways.kz.opsUrl());
        HttpResponse<String> login = auditor.login("auditor", token("auditor"));
        assertEquals(303, login.statusCode(), login.body());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static String token(String client) {
        return ApiClient.token(world.gateways.deployment, "kz-gpo", client);
    }

    static ApiClient api(String client) {
        return new ApiClient(world.gateways.kz.apiUrl(), token(client));
    }

    /** The reads of person fields of this message by this actor in KZ-GPO's log. */
    static List<LogEntry> reads(String messageId, String actor) {
        return world.entries(PersonFields.READ_EVENT).stream()
                .filter(e -> messageId.equals(e.messageId()) && actor.equals(e.actor()))
                .toList();
    }

    static String page(PageClient client, String messageId) {
        HttpResponse<String> r = client.get("/ops/messages/" + world.pk(messageId));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void auditor_seesPersonFieldsMasked_onTheMessagePage() {
        String html = page(auditor, world.kazakh);
        assertTrue(html.contains("id=\"persons\""), "the persons section is there");
        for (String clear : CLEAR) {
            assertFalse(html.contains(clear), "no clear value on the auditor's page: " + clear);
        }
        for (String mask : MASKED) {
            assertTrue(html.contains(mask), "the mask " + mask);
        }
        assertFalse(html.contains("download-message"), "no link to the decrypted XML");
    }

    @Test
    void auditor_seesNoClearPersonField_onAnyReceivedMessagesPage() {
        int looked = 0;
        for (String id : world.received) {
            String html = page(auditor, id);
            StoredMessage m = world.gateways.kz.store().messagesById(id).get(0);
            for (String clear : clearValues(PersonFields.of(m.messageXml()))) {
                assertFalse(html.contains(clear), id + " shows " + clear + " to the auditor");
                looked++;
            }
        }
        assertTrue(looked >= 4 * world.received.size(), "every received request names a person: " + looked);
    }

    @Test
    void operator_seesPersonFieldsInFull() {
        String html = page(operator, world.kazakh);
        for (String clear : CLEAR) {
            assertTrue(html.contains(clear), "the operator sees " + clear);
        }
        assertFalse(html.contains("•••"), "nothing masked for the operator");
    }

    @Test
    void eachViewOfAMessage_isExactlyOneLogEntry_withTheReaderAsActor() {
        int auditorBefore = reads(world.arrest, "auditor").size();
        int operatorBefore = reads(world.arrest, "operator").size();
        page(auditor, world.arrest);
        assertEquals(auditorBefore + 1, reads(world.arrest, "auditor").size());
        assertEquals(operatorBefore, reads(world.arrest, "operator").size());
        page(operator, world.arrest);
        assertEquals(operatorBefore + 1, reads(world.arrest, "operator").size());
        LogEntry entry = reads(world.arrest, "auditor").get(0);
        assertTrue(
                entry.details().contains("\"view\":\"ops-message\"")
                        && entry.details().contains("\"masked\":true"),
                entry.details());
        assertTrue(reads(world.arrest, "operator").get(0).details().contains("\"masked\":false"));
        for (String clear : List.of("Тоқтаров", "TOKTAROV", "A-10444/11-2025")) {
            assertFalse(entry.details().contains(clear), "no personal data in the entry");
        }
        assertTrue(world.gateways.kz.store().verify(1, ProgressListener.NONE).ok(), "the log still verifies");
    }

    @Test
    void auditor_mayNotActOnQueues_403_andTheRefusalIsLogged() {
        long failed = world.pk(world.failed);
        String csrf = PageClient.csrf(page(auditor, world.failed));
        HttpResponse<String> requeue = auditor.post("/ops/messages/" + failed + "/requeue", "csrf", csrf);
        assertEquals(403, requeue.statusCode());
        assertTrue(requeue.body().contains("auditor role"), requeue.body());
        assertEquals(org.mlagateway.store.MessageStatus.FAILED, world.status(world.failed), "nothing was re-queued");
        QueueItem item =
                world.gateways.kz.store().queueItemsOf(world.pk(world.kazakh)).get(0);
        assertEquals(
                403,
                auditor.post("/ops/queues/items/" + item.id() + "/release", "csrf", csrf)
                        .statusCode());
        assertEquals(
                403,
                auditor.download("/ops/messages/" + world.pk(world.kazakh) + "/message.xml")
                        .statusCode());
        world.gateways.kz.access().flushDenials();
        assertTrue(
                world.entries(InternalAccess.OPS_DENIED).stream()
                        .anyMatch(e -> e.details().contains("\"client\":\"auditor\"")
                                && e.details().contains("Forbidden")),
                "the refusals are in the message log");
    }

    @Test
    void auditor_verifiesExportsEvidenceAndReadsStatistics_andTheExportIsLogged() {
        long pk = world.pk(world.kazakh);
        String csrf = PageClient.csrf(page(auditor, world.kazakh));
        HttpResponse<String> verified = auditor.post("/ops/messages/" + pk + "/verify", "csrf", csrf);
        assertEquals(200, verified.statusCode(), verified.body());
        assertTrue(verified.body().contains("id=\"verification\""));
        assertFalse(verified.body().contains("SARSENBAYEV"), "the page after verifying is masked too");
        HttpResponse<String> bundle = auditor.post("/ops/messages/" + pk + "/evidence.zip", "csrf", csrf);
        assertEquals(200, bundle.statusCode());
        assertTrue(world.gateways.kz.store().timeline(pk).stream()
                .anyMatch(e ->
                        e.event().equals("ops-evidence-exported") && e.actor().equals("auditor")));
        assertEquals(200, auditor.get("/ops/statistics").statusCode());
        assertEquals(200, auditor.get("/ops/queues").statusCode());
    }

    @Test
    void auditor_verifiesTheWholeLog_andTheRunIsLogged() {
        HttpResponse<String> form = auditor.get("/ops/log/verify");
        assertEquals(200, form.statusCode());
        HttpResponse<String> r = auditor.post("/ops/log/verify", "csrf", PageClient.csrf(form.body()));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("The message log verifies"), r.body());
        LogEntry run = world.entries("ops-log-verified").get(0);
        assertEquals("auditor", run.actor());
        assertTrue(run.details().contains("\"outcome\":\"passed\""), run.details());
        assertEquals(403, auditor.post("/ops/log/verify", "csrf", "forged").statusCode());
    }

    @Test
    void auditor_searchResultsHoldNoPersonField_andANameFindsNothing() {
        HttpResponse<String> log = auditor.get("/ops/log");
        assertEquals(200, log.statusCode());
        for (String clear : CLEAR) {
            assertFalse(log.body().contains(clear), clear);
        }
        HttpResponse<String> byName = auditor.get("/ops/log?q=" + OperatorPagesTest.q("Сарсенбаев"));
        assertEquals(200, byName.statusCode());
        // The page speaks the deployment's default language (kk in the KZ sample) unless asked otherwise.
        assertTrue(
                java.util.stream.Stream.of("No match.", "Сәйкес жазба табылмады.", "Совпадений нет.")
                        .anyMatch(byName.body()::contains),
                "names are not searchable");
    }

    @Test
    void api_auditorSeesPersonsMasked_operatorInFull_eachReadOneEntry() {
        int before = reads(world.kazakh, "auditor").size();
        HttpResponse<String> masked = api("auditor").get("/messages/" + world.kazakh);
        assertEquals(200, masked.statusCode(), masked.body());
        assertTrue(masked.body().contains("\"persons\""), masked.body());
        for (String clear : CLEAR) {
            assertFalse(masked.body().contains(clear), "no clear value in the auditor's JSON: " + clear);
        }
        for (String mask : MASKED) {
            assertTrue(masked.body().contains(mask), "the mask " + mask + " in " + masked.body());
        }
        assertTrue(
                masked.body().contains("\"surname\":\"S•••\"") && !masked.body().contains("\"full\""),
                "the persons as the OpenAPI document describes them: " + masked.body());
        assertEquals(before + 1, reads(world.kazakh, "auditor").size());
        assertTrue(reads(world.kazakh, "auditor").get(0).details().contains("\"view\":\"api-message\""));

        int operatorBefore = reads(world.kazakh, "operator").size();
        HttpResponse<String> full = api("operator").get("/messages/" + world.kazakh);
        assertEquals(200, full.statusCode());
        for (String clear : CLEAR) {
            assertTrue(full.body().contains(clear), "the operator sees " + clear);
        }
        assertEquals(operatorBefore + 1, reads(world.kazakh, "operator").size());
    }

    @Test
    void api_auditorMayNotActOnQueues_403WithItsCode_andTheRefusalIsLogged() {
        ApiClient a = api("auditor");
        QueueItem item =
                world.gateways.kz.store().queueItemsOf(world.pk(world.kazakh)).get(0);
        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(a.post("/queues/forwarding/claim"));
        refused.add(a.post("/queues/translation/claim"));
        refused.add(a.post("/items/" + item.id() + "/ack"));
        refused.add(a.post("/items/" + item.id() + "/nack", "application/json", "{\"reason\":\"x\"}"));
        refused.add(a.get("/items/" + item.id() + "/message"));
        refused.add(a.post("/messages", "application/xml", "<x/>", "Idempotency-Key", "k1"));
        for (HttpResponse<String> r : refused) {
            assertEquals(403, r.statusCode(), r.uri() + ": " + r.body());
            assertTrue(r.body().contains("\"code\":\"Forbidden\""), r.body());
        }
        world.gateways.kz.access().flushDenials();
        assertTrue(world.entries(InternalAccess.API_DENIED).stream()
                .anyMatch(e -> e.details().contains("\"client\":\"auditor\"")
                        && e.details().contains("Forbidden")));
    }

    /** The clear values of the person fields worth looking for in a page (long enough not to occur by chance). */
    static List<String> clearValues(PersonFields persons) {
        List<String> out = new ArrayList<>();
        for (PersonFields.Person p : persons.persons()) {
            for (PersonFields.Name n : p.names()) {
                out.add(n.surname());
                out.add(n.givenNames());
                if (n.patronymic() != null) {
                    out.add(n.patronymic());
                }
            }
            if (p.birthDate() != null && p.birthDate().length() == 10) {
                out.add(p.birthDate());
            }
            p.nationalIds().forEach(i -> out.add(i.number()));
            p.documents().forEach(d -> out.add(d.number()));
        }
        out.removeIf(v -> v == null || v.length() < 4);
        return out;
    }
}
