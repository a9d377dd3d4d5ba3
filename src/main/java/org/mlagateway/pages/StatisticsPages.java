package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.statistics.Statistics;
import org.mlagateway.statistics.YearReport;

/**
 * The yearly statistics report ({@link Statistics}, docs/statistics.md) as tables, with its bar
 * chart ({@link StatisticsChart}) served as an SVG image beside it, and a year selector. Outcomes are
 * as of the end of the year, as the published report states them.
 */
@Path("/statistics")
@Produces(Layout.HTML)
public final class StatisticsPages {
    /** The year boundary of the report: the Kazakh calendar year, as {@code gateway stats} counts it. */
    static final ZoneId ZONE = Messages.ZONE;

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
    public Response page(
            @QueryParam("year") Integer year,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        Messages t = layout.languages().messages(session, acceptLanguage);
        int y = year(year);
        int current = clock.instant().atZone(ZONE).getYear();
        List<Integer> years = new ArrayList<>();
        for (int option = current; option >= Math.max(FIRST_YEAR, current - 15); option--) {
            years.add(option);
        }
        Map<String, Object> page = new HashMap<>();
        page.put("year", y);
        page.put("years", years);
        page.put("report", statistics.year(y, ZONE, YearReport.OutcomesAsOf.YEAR_END));
        Frame frame = layout.frame(t.get("stats.title", y), session, t, OperatorPages.PATH + "/statistics");
        return layout.ok("statistics.jte", frame, page);
    }

    /** The chart in the page's language ({@code lang}, else the session's or the browser's). */
    @GET
    @Path("chart.svg")
    @Produces("image/svg+xml")
    public Response chart(
            @QueryParam("year") Integer year,
            @QueryParam("lang") String lang,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        String language = lang != null && Messages.LANGUAGES.contains(lang)
                ? lang
                : layout.languages()
                        .messages(SessionFilter.operator(security), acceptLanguage)
                        .language();
        YearReport report = statistics.year(year(year), ZONE, YearReport.OutcomesAsOf.YEAR_END);
        return Response.ok(StatisticsChart.svg(report, language), "image/svg+xml;charset=UTF-8")
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
}
