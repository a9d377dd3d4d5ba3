package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.Sha256;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.IncomingMessage;
import org.mlagateway.store.OutgoingMessage;
import org.mlagateway.store.Queue;
import org.mlagateway.store.Rejection;
import org.mlagateway.store.Routing;
import org.mlagateway.store.SearchText;
import org.mlagateway.store.Store;
import org.mlagateway.testing.Cli;
import org.mlagateway.testing.DefaultLimits;

/**
 * {@code gateway log search} against a store holding real example messages (subjects in Kazakh,
 * Russian and English) and a rejection; run on H2 and on PostgreSQL, where Cyrillic case folding
 * must work just the same.
 */
abstract class LogSearchContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MessageCodec CODEC = DefaultLimits.codec();
    static final ExampleMessages EXAMPLES = new ExampleMessages(CODEC);

    /** The config file of a gateway whose store is empty (each test class makes its own). */
    abstract Path config();

    record Stored(String mla, String transit, String outgoing, String decomposed) {}

    /** Fills the store through the store's own write path, as the exchange and the API do. */
    static Stored populate(Path config) {
        try (Store store = open(config)) {
            Message mla = EXAMPLES.request("mla-request.xml", "RU-GPO", "KZ-GPO");
            mla.getHeader().getSubject().setValue("ӨТІНІШ: алаяқтық ісі бойынша");
            accept(store, mla);
            Message transit = EXAMPLES.request("transit-request.xml", "RU-GPO", "KZ-GPO");
            transit.getHeader().getSubject().setValue("Транзит ВЫДАННОГО лица через Ёлкино");
            accept(store, transit);
            // The same Kazakh letter written decomposed: ә followed by U+0308 COMBINING DIAERESIS.
            Message decomposed = EXAMPLES.request("transfer-of-proceedings-request.xml", "RU-GPO", "KZ-GPO");
            // ... and Kazakh text with font damage: ӛ for ө, and қ as ќ (RK1048 read as Windows-1251).
            decomposed.getHeader().getSubject().setValue("Хабарлама \u04d9\u0308 белгісі: ӛзара ќұқықтық кӛмек");
            accept(store, decomposed);
            Message out = EXAMPLES.request("extradition-request-prosecution.xml", "KZ-GPO", "TR-MOJ");
            byte[] xml = CODEC.write(out);
            MessageSummary s = CODEC.summarize(out);
            store.submitOutgoing(
                    new OutgoingMessage(
                            out.getHeader().getMessageId(),
                            "TR-MOJ",
                            s.kind().value(),
                            s.requestType().value(),
                            out.getHeader().getConversationId(),
                            null,
                            xml,
                            List.of(),
                            Routing.to(Queue.SEND, "TR-MOJ", 5),
                            SearchText.of(s, "TR-MOJ")),
                    "test",
                    UUID.randomUUID().toString(),
                    Sha256.of(xml));
            store.recordRejection(new Rejection("SignatureInvalid", "corr-42", "192.0.2.10", "CN=x", "RU-GPO", null));
            return new Stored(
                    mla.getHeader().getMessageId(),
                    transit.getHeader().getMessageId(),
                    out.getHeader().getMessageId(),
                    decomposed.getHeader().getMessageId());
        }
    }

    /** The store as the configuration has it: encrypted at rest under its storage.kek. */
    static Store open(Path config) {
        StorageConfig storage = new ConfigLoader().load(config).storage();
        return Store.open(storage, Clock.systemUTC(), null, AtRest.sealing(storage, Clock.systemUTC()));
    }

    private static void accept(Store store, Message m) {
        byte[] xml = CODEC.write(m);
        MessageSummary s = CODEC.summarize(m);
        store.accept(IncomingMessage.received(
                s, "RU-GPO", xml, xml, List.of(), Routing.to(Queue.FORWARDING, "MVD-INVESTIGATION", 5)));
    }

    abstract Stored stored();

    /** Updates every search row with {@code assignments} (SQL, no store open). */
    abstract void updateSearchRows(String assignments) throws java.sql.SQLException;

    /** Deletes every search row, as in a store written before schema version 4 (no store open). */
    abstract void deleteSearchRows() throws java.sql.SQLException;

    @Test
    void messagesWithoutSearchRows_areIndexedByTheBackfill() throws java.sql.SQLException {
        deleteSearchRows();
        assertEquals(List.of(), ids(search("өтініш")));
        try (Store store = open(config())) {
            assertEquals(4, store.backfillSearch(xml -> CODEC.summarize(CODEC.read(xml))));
            assertEquals(0, store.backfillSearch(xml -> CODEC.summarize(CODEC.read(xml))), "once");
        }
        assertEquals(List.of(stored().mla()), ids(search("өтініш")));
    }

    JsonNode search(String... filters) {
        List<String> args = new ArrayList<>(List.of("log", "search", "--config", config().toString(), "--json"));
        args.addAll(List.of(filters));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(0, result.code(), result.out());
        try {
            return JSON.readTree(result.out());
        } catch (IOException e) {
            throw new AssertionError(result.out(), e);
        }
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("rows")
                .forEach(r -> ids.add(
                        r.get("type").asText().equals("REJECTION")
                                ? "rejection:" + r.get("correlationId").asText()
                                : r.get("messageId").asText()));
        return ids;
    }

    @Test
    void withoutFilters_everyMessageAndTheRejection_newestFirst() {
        Stored s = stored();
        assertEquals(List.of("rejection:corr-42", s.outgoing(), s.decomposed(), s.transit(), s.mla()), ids(search()));
    }

    @Test
    void cyrillicText_matchesWhateverTheCase_inKazakhAndRussian() {
        Stored s = stored();
        assertEquals(List.of(s.mla()), ids(search("өтініш")));
        assertEquals(List.of(s.mla()), ids(search("ӨТІНІШ", "АЛАЯҚТЫҚ")));
        assertEquals(List.of(s.transit()), ids(search("выданного")));
        assertEquals(List.of(s.transit()), ids(search("елкино")), "ё is searched as е");
        assertEquals(List.of(), ids(search("өтініш", "выданного")), "every word must occur");
    }

    @Test
    void composedAndDecomposedLetters_matchEachOther() {
        assertEquals(List.of(stored().decomposed()), ids(search("\u04db белгісі")), "ӛ composed finds ә + U+0308");
        assertEquals(List.of(stored().decomposed()), ids(search("\u04e9 белгісі")), "and ө, the letter it stands for");
    }

    @Test
    void kazakhTextWithFontDamage_isFoundInEitherForm_andShownAsReceived() {
        Stored s = stored();
        assertEquals(
                List.of(s.decomposed()), ids(search("өзара", "құқықтық", "көмек")), "the letters as they should be");
        assertEquals(List.of(s.decomposed()), ids(search("ӛзара", "ќұќыќтыќ")), "the damaged letters");
        assertEquals(List.of(s.mla()), ids(search("ӛтініш")), "a damaged query finds intact text");
        assertEquals(List.of(s.mla()), ids(search("\u04e9т\u0069н\u0069ш")), "Latin i for і");
        JsonNode row = search("көмек").get("rows").get(0);
        assertEquals(
                "Хабарлама \u04d9\u0308 белгісі: ӛзара ќұқықтық кӛмек",
                row.get("subject").asText());
    }

    /** Search texts stored before the damage was folded (the column as an older gateway wrote it) match too. */
    @Test
    void searchTextsStoredBeforeTheFolding_matchAsWell() throws java.sql.SQLException {
        updateSearchRows("search_text = REPLACE(REPLACE(search_text, 'ө', 'ӛ'), 'қ', 'ќ')");
        Stored s = stored();
        assertEquals(List.of(s.mla()), ids(search("өтініш", "алаяқтық")));
        assertEquals(List.of(s.decomposed()), ids(search("көмек")));
    }

    @Test
    void filters_directionPartnerKindStatusAndErrorCode() {
        Stored s = stored();
        assertEquals(List.of(s.outgoing()), ids(search("--direction", "out")));
        assertEquals(List.of(s.outgoing()), ids(search("--partner", "TR-MOJ")));
        assertEquals(List.of(s.transit()), ids(search("--kind", "TRANSIT_REQUEST")));
        assertEquals(List.of(s.outgoing()), ids(search("--status", "QUEUED")));
        assertEquals(List.of("rejection:corr-42"), ids(search("--status", "REJECTED")));
        assertEquals(List.of("rejection:corr-42"), ids(search("--error-code", "SignatureInvalid")));
        assertEquals(List.of("rejection:corr-42"), ids(search("--correlation-id", "corr-42")));
        assertEquals(List.of(), ids(search("--error-code", "Replay")));
        assertEquals(
                List.of("rejection:corr-42", s.decomposed(), s.transit(), s.mla()), ids(search("--partner", "RU-GPO")));
        assertEquals(List.of(s.mla()), ids(search("--message-id", s.mla())));
        assertEquals(List.of(), ids(search("--to", "2000-01-01")));
        assertEquals(5, ids(search("--from", "2000-01-01")).size());
    }

    @Test
    void json_carriesTheRejectionsCodeAndCorrelationId_andTheSubject() {
        JsonNode page = search();
        JsonNode rejection = page.get("rows").get(0);
        assertEquals("REJECTED", rejection.get("status").asText());
        assertEquals("SignatureInvalid", rejection.get("errorCode").asText());
        assertEquals("corr-42", rejection.get("correlationId").asText());
        assertEquals(
                "ӨТІНІШ: алаяқтық ісі бойынша",
                page.get("rows").get(4).get("subject").asText());
        assertTrue(page.get("next").isNull());
    }

    @Test
    void paging_withAfter_continuesWhereThePageEnded() {
        List<String> all = ids(search());
        List<String> paged = new ArrayList<>();
        JsonNode page = search("--limit", "2");
        paged.addAll(ids(page));
        while (!page.get("next").isNull()) {
            page = search("--limit", "2", "--after", page.get("next").asText());
            paged.addAll(ids(page));
        }
        assertEquals(all, paged);
    }

    @Test
    void table_andBadFilters() {
        Cli.Result table = Cli.run("log", "search", "--config", config().toString(), "--partner", "TR-MOJ");
        assertEquals(0, table.code(), table.out());
        assertTrue(table.out().contains(stored().outgoing()) && table.out().contains("1 row"), table.out());
        Cli.Result bad = Cli.run("log", "search", "--config", config().toString(), "--from", "last week");
        assertEquals(2, bad.code());
        assertTrue(bad.out().contains("Invalid from 'last week'"), bad.out());
        Cli.Result badCursor = Cli.run("log", "search", "--config", config().toString(), "--after", "x");
        assertEquals(2, badCursor.code());
        assertNull(null);
    }
}
