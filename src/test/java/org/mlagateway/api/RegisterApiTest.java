package org.mlagateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.TransferOutcome;
import org.mlagateway.register.Register;
import org.mlagateway.store.LogEntry;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.TwoGateways;

/**
 * The register of citizens abroad over real HTTP on KZ-GPO's internal listener, its store encrypted at
 * rest: fed by a transfer-of-sentenced-person request and its agreed outcome, found by IIN and by name
 * in every script, exported as CSV, confirmed by the consul idempotently; each read one log entry.
 */
class RegisterApiTest {
    static final String IIN = "910702403186";
    static final String CASE = "ТСП-2026/019";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static TwoGateways gateways;
    static ApiClient registrar;
    static ApiClient consular;
    static ApiClient operator;
    static Message request;

    @BeforeAll
    static void start() {
        gateways = TwoGateways.start(dir);
        registrar = client("registrar");
        consular = client("consular");
        operator = client("operator");
        ExampleMessages examples = new ExampleMessages(gateways.kz.codec());
        request = examples.request("transfer-of-sentenced-person-request.xml", "KZ-GPO", "RU-GPO");
        // RU-GPO reads Russian only: the Kazakh proof of nationality would wait for a translator.
        request.getDocuments().getDocument().forEach(d -> d.setLanguage("ru"));
        gateways.kz
                .submissions()
                .submit(
                        gateways.kz.codec().write(request),
                        "test",
                        UUID.randomUUID().toString());
        String id = request.getHeader().getMessageId();
        TwoGateways.await(
                "delivery of " + id,
                DEADLINE,
                () -> !gateways.ru.store().messagesById(id).isEmpty());
        Message report = new ExampleMessages(gateways.ru.codec()).response("execution-report.xml", request);
        report.getExecutionReport().getMeasureOutcome().clear();
        report.getHeader().setLanguage("ru");
        report.getDocuments().getDocument().forEach(d -> d.setLanguage("ru"));
        TransferOutcome agreed = new TransferOutcome();
        agreed.setAgreed(true);
        agreed.setTransferDate(LocalDate.of(2026, 10, 1));
        report.getExecutionReport().setTransferOutcome(agreed);
        gateways.ru
                .submissions()
                .submit(
                        gateways.ru.codec().write(report),
                        "test",
                        UUID.randomUUID().toString());
        String reportId = report.getHeader().getMessageId();
        TwoGateways.await(
                "arrival of " + reportId,
                DEADLINE,
                () -> !gateways.kz.store().messagesById(reportId).isEmpty());
        extraditionDecidedByKz(null, org.mlagateway.message.xml.ExtraditionDecision.GRANTED, true);
        extraditionDecidedByKz("REFUSEDOV", org.mlagateway.message.xml.ExtraditionDecision.REFUSED, true);
        extraditionDecidedByKz("FOREIGNOV", org.mlagateway.message.xml.ExtraditionDecision.GRANTED, false);
        proceedingsAcceptedByRu();
        gateways.kz.register().feedAll();
    }

    /** Sends {@code m} from {@code from} (Russian documents) and waits until {@code to} holds it. */
    static void send(org.mlagateway.Gateway from, org.mlagateway.Gateway to, Message m) {
        m.getHeader().setLanguage("ru");
        if (m.getDocuments() != null) {
            m.getDocuments().getDocument().forEach(d -> d.setLanguage("ru"));
        }
        from.submissions()
                .submit(from.codec().write(m), "test", UUID.randomUUID().toString());
        String id = m.getHeader().getMessageId();
        TwoGateways.await(
                "arrival of " + id, DEADLINE, () -> !to.store().messagesById(id).isEmpty());
    }

    /**
     * RU-GPO asks for a person for prosecution (the example's ZHUMABEKOV, a Kazakh national, or the same
     * record under {@code surname} in every script, and of Russian nationality unless {@code national});
     * KZ-GPO decides.
     */
    static void extraditionDecidedByKz(
            String surname, org.mlagateway.message.xml.ExtraditionDecision decision, boolean national) {
        Message asked = new ExampleMessages(gateways.ru.codec())
                .request("extradition-request-prosecution.xml", "RU-GPO", "KZ-GPO");
        org.mlagateway.message.xml.Person person = asked.getExtraditionRequest().getPerson();
        if (surname != null) {
            person.getName().forEach(n -> n.setSurname(surname));
        }
        if (!national) {
            person.getNationality().forEach(n -> n.setCountry(org.mlagateway.message.xml.CountryCode.RU));
        }
        send(gateways.ru, gateways.kz, asked);
        Message granted = new ExampleMessages(gateways.kz.codec()).response("execution-report.xml", asked);
        granted.getExecutionReport().getMeasureOutcome().clear();
        org.mlagateway.message.xml.ExtraditionOutcome outcome = new org.mlagateway.message.xml.ExtraditionOutcome();
        outcome.setDecision(decision);
        outcome.setDecidedOn(LocalDate.of(2026, 9, 1));
        granted.getExecutionReport().setExtraditionOutcome(outcome);
        send(gateways.kz, gateways.ru, granted);
    }

    /** KZ-GPO transfers the proceedings against a Kazakh national (ISSABAYEV) to RU-GPO, which accepts them. */
    static void proceedingsAcceptedByRu() {
        Message transferred = new ExampleMessages(gateways.kz.codec())
                .request("transfer-of-proceedings-request.xml", "KZ-GPO", "RU-GPO");
        send(gateways.kz, gateways.ru, transferred);
        Message accepted = new ExampleMessages(gateways.ru.codec()).response("execution-report.xml", transferred);
        accepted.getExecutionReport().getMeasureOutcome().clear();
        org.mlagateway.message.xml.ProceedingsOutcome outcome = new org.mlagateway.message.xml.ProceedingsOutcome();
        outcome.setAccepted(true);
        outcome.setDecidedOn(LocalDate.of(2026, 9, 15));
        accepted.getExecutionReport().setProceedingsOutcome(outcome);
        send(gateways.ru, gateways.kz, accepted);
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    static ApiClient client(String name) {
        return new ApiClient(gateways.kz.apiUrl(), ApiClient.token(gateways.deployment, "kz-gpo", name));
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    static JsonNode search(String query) {
        HttpResponse<String> r = registrar.get("/register?" + query);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static List<LogEntry> reads() {
        return gateways.kz.store().logPage(0, Long.MAX_VALUE, 100_000).stream()
                .filter(e -> e.event().equals(Register.READ_EVENT))
                .toList();
    }

    @Test
    void transferRequestAndItsAgreedOutcome_makeOneEntry_foundByIin() {
        JsonNode page = search("iin=" + IIN);
        assertEquals(1, page.get("entries").size(), page.toString());
        JsonNode e = page.get("entries").get(0);
        assertEquals("RU", e.get("state").asText());
        assertEquals("TRANSFER", e.get("basis").asText());
        assertEquals(CASE, e.get("caseReference").asText());
        assertEquals("1991-07-02", e.get("person").get("birthDate").asText());
        List<String> events = e.get("sources").findValuesAsText("event");
        assertTrue(events.containsAll(List.of("transfer-request", "transfer-agreed")), events.toString());
        assertTrue(e.get("sources").toString().contains("2026-10-01"), "the transfer date");
        assertTrue(e.get("sources").toString().contains(request.getHeader().getMessageId()), "the source message");
    }

    @Test
    void extraditionGranted_andProceedingsAccepted_forOwnNationals_areProsecutionsAbroad() {
        JsonNode extradited = search("name=ZHUMABEKOV").get("entries");
        assertEquals(1, extradited.size(), extradited.toString());
        assertEquals("RU", extradited.get(0).get("state").asText());
        assertEquals("PROSECUTION", extradited.get(0).get("basis").asText());
        assertEquals(
                List.of("extradition-granted"), extradited.get(0).get("sources").findValuesAsText("event"));
        assertTrue(extradited.get(0).get("sources").toString().contains("2026-09-01"));
        JsonNode transferred = search("name=" + q("Исабаев")).get("entries");
        assertEquals(1, transferred.size(), transferred.toString());
        assertEquals("PROSECUTION", transferred.get(0).get("basis").asText());
        assertEquals(
                List.of("proceedings-accepted"),
                transferred.get(0).get("sources").findValuesAsText("event"));
    }

    @Test
    void aRefusedExtradition_andAGrantedOneOfANonNational_makeNoEntry() {
        // The same request and report as ZHUMABEKOV's, which is an entry, fed by the same feedAll().
        assertEquals(0, search("name=REFUSEDOV").get("entries").size(), "refused: not surrendered");
        assertEquals(0, search("name=FOREIGNOV").get("entries").size(), "not the state's own national");
    }

    @Test
    void aNameInAnyScript_findsTheEntry_andAnotherNameFindsNothing() {
        for (String name : List.of("akhmetova", "Ахметова Динара", "Қайратқызы", "кайратовна", "AKHMETOVA DINARA")) {
            assertEquals(1, search("name=" + q(name)).get("entries").size(), name);
        }
        assertEquals(0, search("name=" + q("Тоқтаров")).get("entries").size());
    }

    @Test
    void everyRead_isOneLogEntry_withTheReader_andNoNameOrIin() {
        int before = reads().size();
        search("name=" + q("Ахметова"));
        List<LogEntry> after = reads();
        assertEquals(before + 1, after.size());
        LogEntry last = after.get(after.size() - 1);
        assertEquals("registrar", last.actor());
        assertTrue(last.details().contains("\"query\":\"name\""), last.details());
        assertFalse(last.details().contains("Ахметова") || last.details().contains(IIN), last.details());
    }

    @Test
    void invalidInput_isATypedError_andReadsNothing() {
        int before = reads().size();
        for (String query : List.of("iin=910702403187", "iin=12345", "iin=91070240318x")) {
            HttpResponse<String> r = registrar.get("/register?" + query);
            assertEquals(400, r.statusCode(), query);
            assertEquals("InvalidIin", json(r).get("code").asText(), query);
            assertFalse(r.body().contains("91070240318"), "the value is not echoed");
        }
        HttpResponse<String> tooMany = registrar.get("/register?limit=" + (Register.MAX_PAGE + 1));
        assertEquals(400, tooMany.statusCode());
        assertEquals("InvalidRequest", json(tooMany).get("code").asText());
        assertEquals(400, registrar.get("/register?name=" + "x".repeat(101)).statusCode());
        assertEquals(before, reads().size());
    }

    @Test
    void onlyTheRegisterRole_reads_andOnlyTheConsularRole_confirms() {
        assertEquals(403, operator.get("/register").statusCode());
        assertEquals(403, consular.get("/register").statusCode());
        HttpResponse<String> r = registrar.post(
                "/register/confirmations", "application/json", confirmation("SENTENCE"), "Idempotency-Key", "k-1");
        assertEquals(403, r.statusCode());
        assertEquals("Forbidden", json(r).get("code").asText());
    }

    static String confirmation(String basis) {
        return "{\"person\":{\"names\":[{\"script\":\"Cyrl\",\"lang\":\"ru\",\"surname\":\"Ахметова\","
                + "\"givenNames\":\"Динара\"}],\"iin\":\"" + IIN + "\",\"birthDate\":\"1991-07\"},"
                + "\"state\":\"RU\",\"caseReference\":\"" + CASE + "\",\"basis\":\"" + basis + "\","
                + "\"date\":\"2026-10-02\"}";
    }

    @Test
    void consularConfirmation_isIdempotent_andJoinsTheEntryOfTheSamePersonAndCase() {
        String key = "conf-" + UUID.randomUUID();
        HttpResponse<String> first = consular.post(
                "/register/confirmations", "application/json", confirmation("TRANSFER"), "Idempotency-Key", key);
        assertEquals(201, first.statusCode(), first.body());
        HttpResponse<String> again = consular.post(
                "/register/confirmations", "application/json", confirmation("TRANSFER"), "Idempotency-Key", key);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(json(again).get("replayed").asBoolean());
        assertEquals(json(first).get("entryId"), json(again).get("entryId"));
        HttpResponse<String> reused = consular.post(
                "/register/confirmations", "application/json", confirmation("SENTENCE"), "Idempotency-Key", key);
        assertEquals(409, reused.statusCode());
        assertEquals("IdempotencyKeyReused", json(reused).get("code").asText());

        JsonNode entries = search("iin=" + IIN).get("entries");
        assertEquals(1, entries.size(), "the confirmation joined the entry of the transfer");
        assertEquals(json(first).get("entryId"), entries.get(0).get("entryId"));
        assertTrue(entries.get(0).get("sources").findValuesAsText("event").contains("consular-confirmation"));
        assertNull(json(first).get("person"), "the answer repeats no personal data");
    }

    @Test
    void invalidConfirmations_areTypedErrors() {
        String noKey = consular.post("/register/confirmations", "application/json", confirmation("TRANSFER"))
                .body();
        assertTrue(noKey.contains("InvalidRequest"), noKey);
        HttpResponse<String> badIin = consular.post(
                "/register/confirmations",
                "application/json",
                confirmation("TRANSFER").replace(IIN, "910702403187"),
                "Idempotency-Key",
                "bad-iin");
        assertEquals("InvalidIin", json(badIin).get("code").asText(), badIin.body());
        HttpResponse<String> ownState = consular.post(
                "/register/confirmations",
                "application/json",
                confirmation("TRANSFER").replace("\"RU\"", "\"KZ\""),
                "Idempotency-Key",
                "own-state");
        assertEquals(400, ownState.statusCode());
        HttpResponse<String> unknownField = consular.post(
                "/register/confirmations", "application/json", "{\"who\":1}", "Idempotency-Key", "unknown");
        assertEquals("InvalidRequest", json(unknownField).get("code").asText(), unknownField.body());
    }

    @Test
    void csvExport_holdsTheEntry_andIsLogged() throws Exception {
        int before = reads().size();
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateways.kz.apiUrl() + "/register?name=" + q("ахметова")))
                                .header(
                                        "Authorization",
                                        "Bearer " + ApiClient.token(gateways.deployment, "kz-gpo", "registrar"))
                                .header("Accept", "text/csv")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = r.body().split("\r\n");
        assertTrue(lines[0].startsWith("entry_id,names,iin"), lines[0]);
        assertEquals(2, lines.length, r.body());
        assertTrue(
                lines[1].contains("AKHMETOVA DINARA") && lines[1].contains(IIN) && lines[1].contains(",RU,TRANSFER,"),
                lines[1]);
        assertEquals(before + 1, reads().size());
        assertTrue(reads().get(reads().size() - 1).details().contains("api-register-csv"));
    }
}
