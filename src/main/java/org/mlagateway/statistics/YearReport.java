package org.mlagateway.statistics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.mlagateway.store.Direction;

/**
 * One year's statistics report in the shape of the Prosecutor General's Office's yearly figures:
 * requests received from partner states ({@link Direction#IN}) and submitted by domestic bodies
 * ({@link Direction#OUT}), by category, partner and outcome. Made by {@link Statistics#year}; the
 * definitions are in docs/statistics.md. Immutable.
 *
 * @param year         the calendar year, in {@code zone}
 * @param zone         the time zone whose calendar year bounds the report
 * @param from         first instant of the year (inclusive)
 * @param until        first instant of the next year (exclusive)
 * @param outcomesAsOf the cut-off: forwarding, delivery and replies after it are not counted
 * @param basis        how the cut-off was chosen
 * @param generatedAt  when the report was made
 * @param lines        one line per direction, category and partner that has requests, in that order
 */
public record YearReport(
        int year,
        ZoneId zone,
        Instant from,
        Instant until,
        Instant outcomesAsOf,
        OutcomesAsOf basis,
        Instant generatedAt,
        List<Line> lines) {

    /** Where outcomes are taken from. */
    public enum OutcomesAsOf {
        /** As of the end of the year (or now, for the year in progress): what the yearly report states. */
        YEAR_END,
        /** As of now: how the year's requests stand today. */
        NOW
    }

    /** The figures of one direction, category and partner. */
    public record Line(Direction direction, Category category, String partner, Counts counts) {
        public Line {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(partner, "partner");
            Objects.requireNonNull(counts, "counts");
        }
    }

    static final Comparator<Line> ORDER =
            Comparator.comparing(Line::direction).thenComparing(Line::category).thenComparing(Line::partner);

    public YearReport {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(basis, "basis");
        lines = lines.stream().sorted(ORDER).toList();
    }

    /** The totals of one direction and category over all partners ({@link Counts#ZERO} when none). */
    public Counts total(Direction direction, Category category) {
        return lines.stream()
                .filter(l -> l.direction() == direction && l.category() == category)
                .map(Line::counts)
                .reduce(Counts.ZERO, Counts::plus);
    }

    /** The totals of one direction over all categories and partners. */
    public Counts total(Direction direction) {
        return lines.stream()
                .filter(l -> l.direction() == direction)
                .map(Line::counts)
                .reduce(Counts.ZERO, Counts::plus);
    }

    /** The partners that appear in the report, sorted. */
    public List<String> partners() {
        return lines.stream().map(Line::partner).distinct().sorted().toList();
    }

    /** The figures of one partner, direction and category ({@link Counts#ZERO} when none). */
    public Counts of(String partner, Direction direction, Category category) {
        return lines.stream()
                .filter(l -> l.partner().equals(partner) && l.direction() == direction && l.category() == category)
                .map(Line::counts)
                .findFirst()
                .orElse(Counts.ZERO);
    }
}
