package org.mlagateway.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mlagateway.store.Direction;

/**
 * The report as CSV (RFC 4180, CRLF line ends): one line per direction, category and partner, then
 * the totals per direction and category with partner {@code ALL}. Grounds are {@code CODE=n} pairs
 * separated by semicolons in one field.
 */
final class ReportCsv {
    static final String ALL = "ALL";
    private static final String HEADER = "year,direction,category,partner,requests,forwarded_or_sent,granted,refused,"
            + "withdrawn,not_executed,pending,pending_not_forwarded_or_sent,refusal_grounds";

    private ReportCsv() {}

    static String render(YearReport r) {
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        for (YearReport.Line l : r.lines()) {
            rows.add(row(r.year(), l.direction(), l.category(), l.partner(), l.counts()));
        }
        for (Direction d : Direction.values()) {
            for (Category c : Category.values()) {
                rows.add(row(r.year(), d, c, ALL, r.total(d, c)));
            }
        }
        return String.join("\r\n", rows) + "\r\n";
    }

    private static String row(int year, Direction d, Category c, String partner, Counts n) {
        String grounds =
                n.refusalGrounds().entrySet().stream().map(ReportCsv::pair).collect(Collectors.joining(";"));
        return String.join(
                ",",
                String.valueOf(year),
                d.name(),
                c.name(),
                field(partner),
                String.valueOf(n.requests()),
                String.valueOf(n.forwarded()),
                String.valueOf(n.granted()),
                String.valueOf(n.refused()),
                String.valueOf(n.withdrawn()),
                String.valueOf(n.notExecuted()),
                String.valueOf(n.pending()),
                String.valueOf(n.notYetForwarded()),
                field(grounds));
    }

    private static String pair(Map.Entry<String, Integer> e) {
        return e.getKey() + "=" + e.getValue();
    }

    /** Quotes a field that needs it (RFC 4180 §2.6-2.7); a leading formula character is neutralised. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v; // spreadsheets would otherwise run it as a formula
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
