package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.mlagateway.statistics.BarChartSvg;
import org.mlagateway.statistics.Category;
import org.mlagateway.statistics.Counts;
import org.mlagateway.statistics.Statistics;
import org.mlagateway.statistics.YearReport;
import org.mlagateway.store.Direction;

/**
 * The yearly statistics report ({@link Statistics}, docs/statistics.md) as tables, with its bar
 * chart ({@link BarChartSvg}) served as an SVG image beside it, and a year selector. Outcomes are
 * as of the end of the year, as the published report states them.
 */
@Path("/statistics")
@Produces(Layout.HTML)
public final class StatisticsPages {
    /** The year boundary of the report: the Kazakh calendar year, as {@code gateway stats} counts it. */
    static final ZoneId ZONE = ZoneId.of("Asia/Almaty");

    static final int FIRST_YEAR = 2000;
    private final Statistics statistics;
    private final Layout layout;
    private final Clock clock;

    StatisticsPages(Statistics statistics, Layout layout, Clock clock) {
        this.statistics = statistics;
        this.layout = layout;
        this.clock = clock;
    }

    @GET
    public Response page(@QueryParam("year") Integer year, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        int y = year(year);
        YearReport report = statistics.year(y, ZONE, YearReport.OutcomesAsOf.YEAR_END);
        Html h = new Html();
        h.open("form", "method", "get", "action", OperatorPages.PATH + "/statistics", "class", "filters")
                .open("label")
                .text("Year ")
                .open("select", "name", "year", "id", "year");
        int current = clock.instant().atZone(ZONE).getYear();
        for (int option = current; option >= Math.max(FIRST_YEAR, current - 15); option--) {
            h.el(
                    "option",
                    Integer.toString(option),
                    "value",
                    Integer.toString(option),
                    "selected",
                    option == y ? "selected" : null);
        }
        h.close("select")
                .close("label")
                .el("button", "Show", "type", "submit", "id", "show")
                .close("form");
        h.el(
                "p",
                "Requests received or submitted in " + y + " (" + ZONE + "), outcomes as of "
                        + Html.time(report.outcomesAsOf()) + ". Definitions: docs/statistics.md.",
                "class",
                "hint");
        section(h, report, Direction.IN, "Requests received from partner states", "Forwarded");
        section(h, report, Direction.OUT, "Requests submitted by domestic bodies", "Sent");
        h.el("h2", "By partner state and type");
        h.open(
                "img",
                "src",
                OperatorPages.PATH + "/statistics/chart.svg?year=" + y,
                "alt",
                "Requests by partner state and type, " + y,
                "id",
                "chart",
                "class",
                "chart");
        return layout.ok("Statistics " + y, session, h);
    }

    @GET
    @Path("chart.svg")
    @Produces("image/svg+xml")
    public Response chart(@QueryParam("year") Integer year) {
        YearReport report = statistics.year(year(year), ZONE, YearReport.OutcomesAsOf.YEAR_END);
        return Response.ok(BarChartSvg.render(report), "image/svg+xml;charset=UTF-8")
                .build();
    }

    private int year(Integer year) {
        int current = clock.instant().atZone(ZONE).getYear();
        if (year == null) {
            return current;
        }
        if (year < FIRST_YEAR || year > current) {
            throw new IllegalArgumentException("year must be between " + FIRST_YEAR + " and " + current);
        }
        return year;
    }

    private static void section(Html h, YearReport r, Direction d, String title, String forwarded) {
        h.el("h2", title);
        h.open("table", "id", "statistics-" + d.name().toLowerCase(java.util.Locale.ROOT))
                .headerRow(
                        "Type",
                        "Requests",
                        forwarded,
                        "Granted / executed",
                        "Refused",
                        "Withdrawn",
                        "Not executed",
                        "Pending",
                        "Refusal grounds");
        for (Category c : Category.values()) {
            row(h, c.label(), r.total(d, c));
        }
        row(h, "all", r.total(d));
        h.close("table");
    }

    private static void row(Html h, String label, Counts c) {
        StringBuilder grounds = new StringBuilder();
        for (Map.Entry<String, Integer> g : c.refusalGrounds().entrySet()) {
            grounds.append(grounds.length() == 0 ? "" : ", ")
                    .append(g.getKey())
                    .append(' ')
                    .append(g.getValue());
        }
        h.open("tr", "class", "all".equals(label) ? "total" : null)
                .td(label)
                .td(Integer.toString(c.requests()), "class", "num")
                .td(Integer.toString(c.forwarded()), "class", "num")
                .td(Integer.toString(c.granted()), "class", "num")
                .td(Integer.toString(c.refused()), "class", "num")
                .td(Integer.toString(c.withdrawn()), "class", "num")
                .td(Integer.toString(c.notExecuted()), "class", "num")
                .td(Integer.toString(c.pending()), "class", "num")
                .td(grounds.toString())
                .close("tr");
    }
}
