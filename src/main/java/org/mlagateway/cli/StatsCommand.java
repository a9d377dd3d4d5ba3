package org.mlagateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlagateway.atrest.AtRest;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.pages.StatisticsChart;
import org.mlagateway.security.token.Tokens;
import org.mlagateway.statistics.ReportFormat;
import org.mlagateway.statistics.Statistics;
import org.mlagateway.statistics.SyntheticYear;
import org.mlagateway.statistics.YearReport;
import org.mlagateway.store.Store;
import org.mlagateway.store.StoreException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway stats}: the yearly statistics report (docs/statistics.md). */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "The yearly statistics report: requests received and sent by type, partner state and outcome"
                + " (docs/statistics.md). --synthetic reports a synthetic year shaped like the GPO's published one,"
                + " built in a temporary in-memory store.")
final class StatsCommand implements Callable<Integer> {
    /** Where the data comes from: a deployment's store, or the synthetic year. */
    static final class Source {
        @Option(names = "--config", description = "The gateway.yaml whose store to report on.")
        Path config;

        @Option(names = "--synthetic", description = "Report a synthetic year (no configuration needed).")
        boolean synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--year", required = true, description = "The calendar year to report.")
    int year;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--zone",
            defaultValue = "Asia/Almaty",
            description = "The time zone whose calendar year bounds the report (default ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(
            names = "--outcomes",
            defaultValue = "year-end",
            description = "Outcomes as of the year's end (year-end, the report's figures) or as of now (default"
                    + " ${DEFAULT-VALUE}).")
    String outcomes;

    @Option(names = "--chart", description = "Also write the SVG bar chart by partner and type to this file.")
    Path chart;

    @Override
    public Integer call() throws IOException {
        ReportFormat rendering = parse(ReportFormat.class, format, "--format");
        YearReport.OutcomesAsOf basis = parse(YearReport.OutcomesAsOf.class, outcomes.replace('-', '_'), "--outcomes");
        if (rendering == null || basis == null) {
            return 2;
        }
        YearReport report;
        if (source.synthetic) {
            report = SyntheticYear.report(year, zone, basis);
        } else {
            GatewayConfig loaded = storeOptions.load(source.config, "stats", System.out);
            if (loaded == null) {
                return 1;
            }
            try (Tokens tokens = new Tokens();
                    Store store = Store.open(
                            loaded.storage(),
                            Clock.systemUTC(),
                            null,
                            AtRest.sealing(loaded.storage(), Clock.systemUTC(), tokens),
                            Store.Access.JOIN)) {
                report =
                        new Statistics(store, Clock.systemUTC(), loaded.limits().maxXmlDepth()).year(year, zone, basis);
            } catch (StoreException e) {
                System.out.println("stats: " + e.getMessage());
                return 1;
            }
        }
        System.out.print(rendering.render(report));
        if (chart != null) {
            Files.writeString(chart, StatisticsChart.svg(report, "en"), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.out.println("stats: unknown " + option + " value '" + value + "'");
            return null;
        }
    }
}
