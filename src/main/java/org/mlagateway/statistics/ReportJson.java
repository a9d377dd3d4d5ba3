package org.mlagateway.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.store.Direction;

/** The report as one JSON document: the period, the totals per direction and category, and the lines. */
final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    static String render(YearReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("year", r.year());
        doc.put("zone", r.zone().getId());
        doc.put("from", r.from().toString());
        doc.put("until", r.until().toString());
        doc.put("outcomesAsOf", r.outcomesAsOf().toString());
        doc.put("basis", r.basis().name());
        doc.put("generatedAt", r.generatedAt().toString());
        Map<String, Object> totals = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            Map<String, Object> byCategory = new LinkedHashMap<>();
            for (Category c : Category.values()) {
                byCategory.put(c.name(), counts(r.total(d, c)));
            }
            byCategory.put("ALL", counts(r.total(d)));
            totals.put(d.name(), byCategory);
        }
        doc.put("totals", totals);
        List<Object> lines = new ArrayList<>();
        for (YearReport.Line l : r.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("direction", l.direction().name());
            line.put("category", l.category().name());
            line.put("partner", l.partner());
            line.putAll(counts(l.counts()));
            lines.add(line);
        }
        doc.put("lines", lines);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> counts(Counts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", c.requests());
        m.put("forwarded", c.forwarded());
        m.put("granted", c.granted());
        m.put("refused", c.refused());
        m.put("withdrawn", c.withdrawn());
        m.put("notExecuted", c.notExecuted());
        m.put("pending", c.pending());
        m.put("notYetForwarded", c.notYetForwarded());
        m.put("refusalGrounds", c.refusalGrounds());
        return m;
    }
}
