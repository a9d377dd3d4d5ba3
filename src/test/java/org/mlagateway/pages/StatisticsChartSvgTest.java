package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlagateway.message.SafeXml;
import org.mlagateway.statistics.Category;
import org.mlagateway.statistics.Counts;
import org.mlagateway.statistics.YearReport;
import org.mlagateway.store.Direction;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart is well-formed SVG, accessible, and draws one proportional, labelled bar per line. */
class StatisticsChartSvgTest {
    private static final String HOSTILE = "X&Y<script>alert(1)</script>\"'\u0001";

    private static YearReport report() {
        List<YearReport.Line> lines = List.of(
                new YearReport.Line(Direction.IN, Category.MLA, "RU-GPO", counts(120)),
                new YearReport.Line(Direction.OUT, Category.MLA, "RU-GPO", counts(60)),
                new YearReport.Line(Direction.IN, Category.EXTRADITION, "TR-MOJ", counts(30)),
                new YearReport.Line(Direction.OUT, Category.TRANSFER_OF_PROCEEDINGS, HOSTILE, counts(1)));
        return new YearReport(
                2024,
                ZoneOffset.UTC,
                Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"),
                YearReport.OutcomesAsOf.YEAR_END,
                Instant.parse("2025-02-01T00:00:00Z"),
                lines);
    }

    private static Counts counts(int pending) {
        return new Counts(pending, 0, 0, 0, 0, 0, pending, pending, Map.of());
    }

    @Test
    void chart_isWellFormedAccessibleSvg_withOneLabelledProportionalBarPerLine() {
        String svg = StatisticsChart.svg(report(), "en");
        Document doc = new SafeXml(32).parse(svg.getBytes(StandardCharsets.UTF_8));
        Element root = doc.getDocumentElement();
        assertEquals(StatisticsChart.SVG_NS, root.getNamespaceURI());
        assertEquals("svg", root.getLocalName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("chart-title chart-desc", root.getAttribute("aria-labelledby"));
        assertEquals(
                "Requests by partner state and type, 2024", text(root, "title").get(0));
        assertTrue(text(root, "desc").get(0).contains("150 requests received from and 61 sent to 3 partner states"));
        assertFalse(svg.contains("href"), "no external resources");
        assertFalse(svg.contains("<script"), "no script, not even from a hostile partner id");

        Map<String, Element> bars = new HashMap<>();
        NodeList groups = root.getElementsByTagNameNS(StatisticsChart.SVG_NS, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("data-value")) {
                bars.put(
                        g.getAttribute("data-partner") + "/" + g.getAttribute("data-category") + "/"
                                + g.getAttribute("data-direction"),
                        g);
            }
        }
        assertEquals(4, bars.size());
        Element ruIn = bars.get("RU-GPO/MLA/IN");
        assertEquals("120", ruIn.getAttribute("data-value"));
        assertEquals(
                "RU-GPO: Mutual legal assistance, received: 120",
                text(ruIn, "title").get(0));
        assertTrue(text(ruIn, "text").contains("Mutual legal assistance, received"));
        assertTrue(text(ruIn, "text").contains("120"));
        assertEquals(2.0, width(ruIn) / width(bars.get("RU-GPO/MLA/OUT")), 0.01, "bars are proportional");
        assertEquals(4.0, width(ruIn) / width(bars.get("TR-MOJ/EXTRADITION/IN")), 0.01);
        // The hostile id survives as text, escaped, with the control character replaced.
        Element hostile = bars.get("X&Y<script>alert(1)</script>\"'\uFFFD/TRANSFER_OF_PROCEEDINGS/OUT");
        assertEquals("1", hostile.getAttribute("data-value"));
    }

    @Test
    void chart_speaksThePagesLanguage() {
        Document kazakh =
                new SafeXml(32).parse(StatisticsChart.svg(report(), "kk").getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "Серіктес мемлекеттер мен түрлер бойынша сұрау салулар, 2024",
                text(kazakh.getDocumentElement(), "title").get(0));
        Document russian =
                new SafeXml(32).parse(StatisticsChart.svg(report(), "ru").getBytes(StandardCharsets.UTF_8));
        assertTrue(text(russian.getDocumentElement(), "text").contains("Выдача (экстрадиция), получено"));
    }

    @Test
    void emptyYear_isStillAValidChart() {
        YearReport empty = new YearReport(
                2024,
                ZoneOffset.UTC,
                Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"),
                YearReport.OutcomesAsOf.YEAR_END,
                Instant.parse("2025-02-01T00:00:00Z"),
                List.of());
        Document doc = new SafeXml(32).parse(StatisticsChart.svg(empty, "en").getBytes(StandardCharsets.UTF_8));
        assertTrue(text(doc.getDocumentElement(), "desc").get(0).startsWith("0 requests received"));
    }

    private static double width(Element bar) {
        Element rect = (Element)
                bar.getElementsByTagNameNS(StatisticsChart.SVG_NS, "rect").item(0);
        return Double.parseDouble(rect.getAttribute("width"));
    }

    private static List<String> text(Element parent, String name) {
        List<String> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS(StatisticsChart.SVG_NS, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
