package org.mlagateway.statistics;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlagateway.store.Direction;

/** The report as plain-text tables: totals per direction and category, refusal grounds, partners. */
final class ReportTable {
    private static final String ROW = "%-30s %9s %9s %9s %8s %9s %8s %8s %12s%n";

    private ReportTable() {}

    static String render(YearReport r) {
        StringBuilder out = new StringBuilder();
        DateTimeFormatter t = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(r.zone());
        out.append(String.format(
                Locale.ROOT,
                "Statistics %d (%s): requests stored from %s until %s%n",
                r.year(),
                r.zone(),
                t.format(r.from()),
                t.format(r.until())));
        out.append(String.format(
                Locale.ROOT,
                "Outcomes as of %s (%s)%n",
                t.format(r.outcomesAsOf()),
                r.basis() == YearReport.OutcomesAsOf.YEAR_END ? "end of the year" : "now"));
        section(out, r, Direction.IN, "Requests received from partner states", "received", "forwarded");
        section(out, r, Direction.OUT, "Requests submitted by domestic bodies, to partner states", "submitted", "sent");
        grounds(out, r);
        partners(out, r);
        return out.toString();
    }

    private static void section(
            StringBuilder out, YearReport r, Direction d, String title, String requests, String forwarded) {
        out.append(String.format("%n%s%n", title));
        out.append(String.format(
                ROW,
                "type",
                requests,
                forwarded,
                "granted",
                "refused",
                "withdrawn",
                "not exec",
                "pending",
                "not " + forwarded));
        for (Category c : Category.values()) {
            out.append(row(c.label(), r.total(d, c)));
        }
        out.append(row("all", r.total(d)));
    }

    private static String row(String label, Counts c) {
        return String.format(
                Locale.ROOT,
                ROW,
                label,
                c.requests(),
                c.forwarded(),
                c.granted(),
                c.refused(),
                c.withdrawn(),
                c.notExecuted(),
                c.pending(),
                c.notYetForwarded());
    }

    private static void grounds(StringBuilder out, YearReport r) {
        out.append(String.format("%nRefusal grounds (a refusal citing several grounds counts under each)%n"));
        boolean any = false;
        for (Direction d : Direction.values()) {
            for (Category c : Category.values()) {
                for (Map.Entry<String, Integer> g :
                        r.total(d, c).refusalGrounds().entrySet()) {
                    out.append(String.format(
                            Locale.ROOT, "%-4s %-30s %-45s %6d%n", d, c.label(), g.getKey(), g.getValue()));
                    any = true;
                }
            }
        }
        if (!any) {
            out.append("none\n");
        }
    }

    private static void partners(StringBuilder out, YearReport r) {
        out.append(String.format("%nBy partner state%n"));
        String format = "%-12s %-4s %-30s %9s %9s %9s %8s %9s %8s %8s%n";
        out.append(String.format(
                format,
                "partner",
                "dir",
                "type",
                "requests",
                "fwd/sent",
                "granted",
                "refused",
                "withdrawn",
                "not exec",
                "pending"));
        List<YearReport.Line> lines = r.lines();
        for (YearReport.Line l : lines) {
            Counts c = l.counts();
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    l.partner(),
                    l.direction(),
                    l.category().label(),
                    c.requests(),
                    c.forwarded(),
                    c.granted(),
                    c.refused(),
                    c.withdrawn(),
                    c.notExecuted(),
                    c.pending()));
        }
    }
}
