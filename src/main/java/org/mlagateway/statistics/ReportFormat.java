package org.mlagateway.statistics;

/** The renderings of a {@link YearReport}: a table for people, CSV for spreadsheets, JSON for programs. */
public enum ReportFormat {
    TABLE,
    CSV,
    JSON;

    public String render(YearReport report) {
        return switch (this) {
            case TABLE -> ReportTable.render(report);
            case CSV -> ReportCsv.render(report);
            case JSON -> ReportJson.render(report);
        };
    }
}
