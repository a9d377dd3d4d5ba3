package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.message.xml.RefusalGround;
import org.mlagateway.message.xml.RequestType;
import org.mlagateway.statistics.Category;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.Direction;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.VerifyReport;

/** The labels of the pages: every key in all three languages, and every key a template names exists. */
class MessagesTest {
    private static final Pattern TEMPLATE_KEY = Pattern.compile("t\\.get\\(\"([a-zA-Z.]*[a-zA-Z])\"[,)]");

    @Test
    void everyKey_existsInKazakhRussianAndEnglish_andIsNotBlank() {
        Set<String> english = ResourceBundle.getBundle(Messages.BUNDLE, java.util.Locale.ENGLISH)
                .keySet();
        assertFalse(english.isEmpty());
        for (String language : Messages.LANGUAGES) {
            ResourceBundle bundle = Messages.bundle(language);
            assertEquals(new TreeSet<>(english), new TreeSet<>(bundle.keySet()), "the keys of " + language);
            for (String key : bundle.keySet()) {
                assertFalse(bundle.getString(key).isBlank(), language + " " + key);
            }
        }
    }

    @Test
    void everyKeyATemplateNames_exists() throws IOException {
        List<String> named = new ArrayList<>();
        try (Stream<Path> templates = Files.list(Path.of("src/main/jte"))) {
            for (Path template : templates.toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(template, StandardCharsets.UTF_8));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertTrue(named.contains("nav.log"), named.toString());
        Set<String> keys = Messages.bundle("en").keySet();
        for (String key : named) {
            assertTrue(keys.contains(key), key);
        }
    }

    /** Every code of the closed lists the pages show has a name in every language: no raw enum code on a page. */
    @Test
    void everyCodeThePagesShow_hasANameInEveryLanguage() {
        Map<String, List<String>> codes = new TreeMap<>();
        codes.put(
                "kind",
                Arrays.stream(MessageKind.values()).map(MessageKind::value).toList());
        codes.put(
                "reqtype",
                Arrays.stream(RequestType.values()).map(RequestType::value).toList());
        codes.put(
                "ground",
                Arrays.stream(RefusalGround.values()).map(RefusalGround::value).toList());
        codes.put("status", LogPages.STATUSES);
        codes.put("cat", Arrays.stream(Category.values()).map(Category::name).toList());
        codes.put("dir", Arrays.stream(Direction.values()).map(Direction::name).toList());
        codes.put("queue", Arrays.stream(Queue.values()).map(Queue::dbName).toList());
        codes.put(
                "state", Arrays.stream(QueueItem.State.values()).map(Enum::name).toList());
        codes.put(
                "attempt",
                Arrays.stream(DeliveryAttempt.Outcome.values()).map(Enum::name).toList());
        codes.put(
                "check",
                Arrays.stream(Evidence.Outcome.values()).map(Enum::name).toList());
        codes.put(
                "chainkind",
                Arrays.stream(VerifyReport.Kind.values()).map(Enum::name).toList());
        codes.put(
                "error",
                Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
        codes.put("flag", List.of("REVIEW"));
        // The life of a message as docs/message-log.md lists it, and the reads and refusals the log records.
        codes.put(
                "event",
                List.of(
                        "received",
                        "rejected",
                        "stored",
                        "routed",
                        "claimed",
                        "acked",
                        "nacked",
                        "translated",
                        "queued-for-send",
                        "attempt-failed",
                        "delivered",
                        "receipt-received",
                        "receipt-recovered",
                        "failed",
                        "duplicate-received",
                        "released",
                        "requeued",
                        "person-data-read",
                        "register-read",
                        "ops-downloaded",
                        "ops-verified",
                        "ops-evidence-exported",
                        "api-denied",
                        "ops-denied"));
        codes.put(
                "doctype",
                Arrays.stream(org.mlagateway.message.xml.DocumentType.values())
                        .map(org.mlagateway.message.xml.DocumentType::value)
                        .toList());
        codes.put(
                "receipt",
                Arrays.stream(org.mlagateway.message.xml.exchange.ReceiptStatus.values())
                        .map(Enum::name)
                        .toList());
        codes.put(
                "checkname",
                List.of(
                        Evidence.ENVELOPE_SIGNATURE,
                        Evidence.SIGNER_CERTIFICATE,
                        Evidence.CONTENT_DIGEST,
                        Evidence.RECEIPT,
                        Evidence.LOG_ENTRIES,
                        Evidence.LOG_CHAIN,
                        Evidence.CHECKPOINT));
        for (String language : Messages.LANGUAGES) {
            Messages t = Messages.of(language);
            codes.forEach((group, list) -> list.forEach(
                    code -> assertTrue(t.knows(group, code), "no " + language + " name for " + group + " " + code)));
        }
        assertEquals(
                "Ұстап беру (экстрадициялау) туралы сұрау салу",
                Messages.of("kk").code("kind", "EXTRADITION_REQUEST"));
        assertEquals("Запрос о взаимной правовой помощи", Messages.of("ru").code("kind", "MLA_REQUEST"));
        assertEquals("үкім", Messages.of("kk").code("doctype", "JUDGMENT"));
        assertEquals("NEW_KIND", Messages.of("ru").code("kind", "NEW_KIND"), "a code from a newer schema, as it came");
    }

    @Test
    void timesAreInTheDeploymentsZone() {
        Instant t = Instant.parse("2026-03-01T00:30:00Z");
        String expected =
                t.atZone(Messages.DEFAULT_ZONE).toLocalDateTime().toString().replace('T', ' ') + ":00";
        assertEquals(expected, Messages.of("kk").time(t));
        assertTrue(Messages.of("ru").zoned(t).endsWith(" Asia/Almaty"));
    }

    @Test
    void anotherDeploymentsZone_isTheOneTimesAreShownInAndNamed() {
        Instant t = Instant.parse("2026-03-01T00:30:00Z");
        Messages istanbul = new Languages("ru", java.time.ZoneId.of("Europe/Istanbul")).messages(null, null);
        assertEquals("2026-03-01 03:30:00 Europe/Istanbul", istanbul.zoned(t));
        assertEquals("2026-03-01 05:30:00 Asia/Almaty", Messages.of("ru").zoned(t));
    }

    @Test
    void theLabelsAreInTheirLanguage() {
        assertEquals("Хабарламалар журналы", Messages.of("kk").get("log.title"));
        assertEquals("Журнал сообщений", Messages.of("ru").get("log.title"));
        assertEquals("Message log", Messages.of("en").get("log.title"));
        assertEquals("мысалы, өтініш", Messages.of("kk").get("log.example", "өтініш"));
    }

    @Test
    void theLanguage_isTheSessionsChoice_elseAcceptLanguage_elseTheDefault() {
        Languages languages = new Languages("kk");
        assertEquals("ru", languages.choose("ru", "en-GB,en;q=0.9"));
        assertEquals("en", languages.choose(null, "en-GB,en;q=0.9"));
        assertEquals("ru", languages.choose(null, "de-DE, ru;q=0.8, en;q=0.5"));
        assertEquals("kk", languages.choose(null, "kk-KZ"));
        assertEquals("kk", languages.choose(null, "de, fr;q=0.5"));
        assertEquals("kk", languages.choose(null, "not a ;; header = ="));
        assertEquals("kk", languages.choose(null, null));
        assertEquals("kk", languages.choose("xx", null), "a language without labels is not kept");
    }
}
