package org.mlagateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.store.Direction;
import org.mlagateway.store.Store;
import org.mlagateway.testing.DefaultLimits;

/**
 * The report of a synthetic year written through the store's real operations reproduces the
 * figures of the year docs/domain.md#the-reported-year quotes from the Prosecutor General's Office, exactly, in all
 * three
 * formats; the year before and after, and decisions after the year's end, do not count.
 */
class StatisticsSyntheticYearTest {
    private static final int YEAR = 2024;
    private static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final MessageCodec CODEC = DefaultLimits.codec();

    /** direction, category, requests, forwarded/sent, granted, refused, pending, not yet forwarded/sent. */
    private record Expected(
            Direction d,
            Category c,
            int requests,
            int forwarded,
            int granted,
            int refused,
            int pending,
            int notYetForwarded,
            Map<String, Integer> grounds) {}

    private static final List<Expected> DOMAIN_YEAR = List.of(
            // 337 foreign MLA requests: 324 forwarded for execution, 13 refused as contrary to law
            new Expected(Direction.IN, Category.MLA, 337, 324, 0, 13, 324, 0, Map.of("CONTRARY_TO_LEGAL_SYSTEM", 13)),
            // 380 from Kazakh investigators, 370 sent abroad, 168 executed abroad by year end
            new Expected(Direction.OUT, Category.MLA, 380, 370, 168, 0, 212, 10, Map.of()),
            // 108 foreign extradition requests: 81 granted, 7 refused on statutory grounds, 20 pending
            new Expected(
                    Direction.IN,
                    Category.EXTRADITION,
                    108,
                    88,
                    81,
                    7,
                    20,
                    20,
                    Map.of("OWN_NATIONAL", 4, "LAPSE_OF_TIME", 2, "POLITICAL_OFFENCE", 1)),
            // 65 Kazakh extradition requests sent, 40 granted
            new Expected(Direction.OUT, Category.EXTRADITION, 65, 65, 40, 0, 25, 0, Map.of()),
            // transit: 37 granted through Kazakhstan, 2 for Kazakhstan
            new Expected(Direction.IN, Category.TRANSIT, 37, 37, 37, 0, 0, 0, Map.of()),
            new Expected(Direction.OUT, Category.TRANSIT, 2, 2, 2, 0, 0, 0, Map.of()),
            // transfer of sentenced persons: 6 each way, all granted
            new Expected(Direction.IN, Category.TRANSFER_OF_SENTENCED_PERSONS, 6, 6, 6, 0, 0, 0, Map.of()),
            new Expected(Direction.OUT, Category.TRANSFER_OF_SENTENCED_PERSONS, 6, 6, 6, 0, 0, 0, Map.of()),
            // proceedings transferred to Kazakhstan: 15, 12 forwarded for investigation, 3 pending
            new Expected(Direction.IN, Category.TRANSFER_OF_PROCEEDINGS, 15, 12, 0, 0, 15, 3, Map.of()),
            // proceedings transferred abroad: 25
            new Expected(Direction.OUT, Category.TRANSFER_OF_PROCEEDINGS, 25, 25, 0, 0, 25, 0, Map.of()),
            new Expected(Direction.IN, Category.PROVISIONAL_ARREST, 0, 0, 0, 0, 0, 0, Map.of()),
            new Expected(Direction.OUT, Category.PROVISIONAL_ARREST, 0, 0, 0, 0, 0, 0, Map.of()));

    @TempDir
    static Path dir;

    @BeforeAll
    static void announce() {
        if (System.getenv(StatisticsStores.POSTGRES_ENV) == null) {
            System.out.println("NOTICE: " + StatisticsStores.POSTGRES_ENV
                    + " not set: PostgreSQL statistics test skipped (StatisticsSyntheticYearTest)");
        }
    }

    @Test
    void syntheticYear_onH2_reproducesTheDomainFigures_inEveryFormat() {
        SyntheticClock clock = new SyntheticClock(Instant.EPOCH);
        try (Store store = StatisticsStores.h2(dir.resolve("h2"), clock)) {
            checkYear(store, clock);
        }
    }

    @Test
    void syntheticYear_onPostgres_reproducesTheDomainFigures_inEveryFormat() {
        SyntheticClock clock = new SyntheticClock(Instant.EPOCH);
        try (StatisticsStores.Dropping pg = StatisticsStores.postgres(clock)) {
            checkYear(pg.store(), clock);
        }
    }

    private static void checkYear(Store store, SyntheticClock clock) {
        long started = System.nanoTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        new SyntheticYear(store, clock, CODEC, YEAR, ZONE).build();
        System.out.printf(
                "synthetic year built in %d ms (%d ms CPU of the building thread)%n",
                (System.nanoTime() - started) / 1_000_000,
                (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000);
        // What was stored is valid: every 97th message passes the schema, the rules and its digests.
        int checked = 0;
        for (long pk = 1; store.message(pk).isPresent(); pk += 97) {
            CODEC.verify(CODEC.read(store.message(pk).orElseThrow().messageXml()));
            checked++;
        }
        assertTrue(checked > 10, "checked " + checked + " stored messages");
        YearReport report = new Statistics(store, clock, DefaultLimits.MAX_XML_DEPTH)
                .year(YEAR, ZONE, YearReport.OutcomesAsOf.YEAR_END);

        assertEquals(Instant.parse("2023-12-31T18:00:00Z"), report.from(), "the year starts at midnight in Almaty");
        assertEquals(report.until(), report.outcomesAsOf(), "outcomes as of the end of the year");
        for (Expected e : DOMAIN_YEAR) {
            Counts c = report.total(e.d(), e.c());
            String what = e.d() + " " + e.c();
            assertEquals(e.requests(), c.requests(), what + " requests");
            assertEquals(e.forwarded(), c.forwarded(), what + " forwarded or sent");
            assertEquals(e.granted(), c.granted(), what + " granted or executed");
            assertEquals(e.refused(), c.refused(), what + " refused");
            assertEquals(e.pending(), c.pending(), what + " pending");
            assertEquals(e.notYetForwarded(), c.notYetForwarded(), what + " not yet forwarded or sent");
            assertEquals(0, c.withdrawn() + c.notExecuted(), what + " withdrawn or not executed");
            assertEquals(e.grounds(), c.refusalGrounds(), what + " refusal grounds");
        }
        assertEquals(337 + 108 + 37 + 6 + 15, report.total(Direction.IN).requests());
        assertEquals(380 + 65 + 2 + 6 + 25, report.total(Direction.OUT).requests());
        assertEquals(List.of("AE-MOJ", "RU-GPO", "TR-MOJ"), report.partners(), "spread over three partner states");
        assertEquals(
                337,
                report.partners().stream()
                        .mapToInt(p -> report.of(p, Direction.IN, Category.MLA).requests())
                        .sum());

        checkTable(ReportFormat.TABLE.render(report));
        checkCsv(ReportFormat.CSV.render(report));
        checkJson(ReportFormat.JSON.render(report));

        // As of now, the seven execution reports of January count too; the next year's requests still do not.
        YearReport now =
                new Statistics(store, clock, DefaultLimits.MAX_XML_DEPTH).year(YEAR, ZONE, YearReport.OutcomesAsOf.NOW);
        assertEquals(175, now.total(Direction.OUT, Category.MLA).granted());
        assertEquals(108, now.total(Direction.IN, Category.EXTRADITION).requests());
        assertEquals(380, now.total(Direction.OUT, Category.MLA).requests());
        // The next year holds only the noise that was planned for it.
        YearReport next = new Statistics(store, clock, DefaultLimits.MAX_XML_DEPTH)
                .year(YEAR + 1, ZONE, YearReport.OutcomesAsOf.YEAR_END);
        assertEquals(6, next.total(Direction.IN, Category.EXTRADITION).requests());
        assertEquals(6, next.total(Direction.IN, Category.EXTRADITION).forwarded());
        assertEquals(3, next.total(Direction.OUT).requests());
        assertEquals(
                5,
                new Statistics(store, clock, DefaultLimits.MAX_XML_DEPTH)
                        .year(YEAR - 1, ZONE, YearReport.OutcomesAsOf.NOW)
                        .total(Direction.IN, Category.MLA)
                        .refused());
    }

    private static void checkTable(String table) {
        for (Expected e : DOMAIN_YEAR) {
            // The first table is IN, the second OUT; each row: label requests forwarded granted refused ...
            String row =
                    Pattern.quote(e.c().label()) + "\\s+" + e.requests() + "\\s+" + e.forwarded() + "\\s+" + e.granted()
                            + "\\s+" + e.refused() + "\\s+0\\s+0\\s+" + e.pending() + "\\s+" + e.notYetForwarded();
            String section = e.d() == Direction.IN
                    ? table.substring(0, table.indexOf("Requests submitted"))
                    : table.substring(table.indexOf("Requests submitted"), table.indexOf("Refusal grounds"));
            assertTrue(Pattern.compile(row).matcher(section).find(), "table row for " + e + " in\n" + table);
        }
        assertTrue(
                Pattern.compile("IN\\s+extradition\\s+OWN_NATIONAL\\s+4")
                        .matcher(table)
                        .find(),
                table);
    }

    private static void checkCsv(String csv) {
        List<String> rows = List.of(csv.split("\r\n"));
        for (Expected e : DOMAIN_YEAR) {
            String grounds = String.join(
                    ";",
                    new java.util.TreeMap<>(e.grounds())
                            .entrySet().stream()
                                    .map(g -> g.getKey() + "=" + g.getValue())
                                    .toList());
            String expected = String.join(
                    ",",
                    String.valueOf(YEAR),
                    e.d().name(),
                    e.c().name(),
                    "ALL",
                    String.valueOf(e.requests()),
                    String.valueOf(e.forwarded()),
                    String.valueOf(e.granted()),
                    String.valueOf(e.refused()),
                    "0",
                    "0",
                    String.valueOf(e.pending()),
                    String.valueOf(e.notYetForwarded()),
                    grounds);
            assertTrue(rows.contains(expected), "CSV row " + expected + " in\n" + csv);
        }
    }

    private static void checkJson(String json) {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("the JSON report does not parse", e);
        }
        assertEquals(YEAR, doc.get("year").asInt());
        for (Expected e : DOMAIN_YEAR) {
            JsonNode c = doc.get("totals").get(e.d().name()).get(e.c().name());
            assertEquals(e.requests(), c.get("requests").asInt(), e.toString());
            assertEquals(e.forwarded(), c.get("forwarded").asInt(), e.toString());
            assertEquals(e.granted(), c.get("granted").asInt(), e.toString());
            assertEquals(e.refused(), c.get("refused").asInt(), e.toString());
            assertEquals(e.pending(), c.get("pending").asInt(), e.toString());
            assertEquals(e.notYetForwarded(), c.get("notYetForwarded").asInt(), e.toString());
            e.grounds()
                    .forEach((code, n) ->
                            assertEquals(n, c.get("refusalGrounds").get(code).asInt()));
        }
        int lines = 0;
        for (JsonNode line : doc.get("lines")) {
            lines += line.get("requests").asInt();
        }
        assertEquals(337 + 108 + 37 + 6 + 15 + 380 + 65 + 2 + 6 + 25, lines, "the lines add up to the totals");
    }
}
