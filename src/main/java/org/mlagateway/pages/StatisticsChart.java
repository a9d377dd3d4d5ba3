package org.mlagateway.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlagateway.statistics.YearReport;
import org.mlagateway.store.Direction;

/**
 * The requests of a {@link YearReport} as an SVG bar chart ({@code chart.jte}), by partner state and type: for
 * each partner, one bar per category and direction that has requests. No scripts, no styles or fonts fetched
 * from anywhere; the template escapes every text. It is accessible on its own: the root has {@code role="img"}
 * with a title and a description, each bar group has its own title, and every bar is labelled with its
 * category, direction and count in text, so colour carries no meaning that is not also written. Each bar's
 * {@code g} element carries {@code data-partner}, {@code data-category}, {@code data-direction} and
 * {@code data-value}. This class holds the geometry; the template holds the markup.
 */
public final class StatisticsChart {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final int LABEL_WIDTH = 340;
    static final int BAR_AREA = 360;
    static final int VALUE_WIDTH = 60;
    static final int ROW = 18;
    static final int HEADER = 24;
    static final int TOP = 48;
    static final String IN_COLOUR = "#1f5f99"; // dark blue and orange differ for colour-blind
    static final String OUT_COLOUR = "#c15a00"; // readers too, and both pass 4.5:1 on white

    /** One bar: its category and direction codes (for data attributes), its label in the page's language. */
    record Bar(String category, String direction, int value, String label, int y, int width, String colour) {}

    /** One partner's bars. */
    record Group(String partner, int y, List<Bar> bars) {}

    private final String title;
    private final String description;
    private final int width;
    private final int height;
    private final List<Group> groups;

    private StatisticsChart(String title, String description, int width, int height, List<Group> groups) {
        this.title = title;
        this.description = description;
        this.width = width;
        this.height = height;
        this.groups = groups;
    }

    /** The chart of {@code report} as an SVG document, its labels in {@code language} (kk, ru or en). */
    public static String svg(YearReport report, String language) {
        Messages t = Messages.of(language);
        return new Templates().render("chart.jte", Map.of("t", t, "chart", of(report, t)));
    }

    static StatisticsChart of(YearReport report, Messages t) {
        int max = 1;
        for (YearReport.Line l : report.lines()) {
            max = Math.max(max, l.counts().requests());
        }
        List<Group> groups = new ArrayList<>();
        int y = TOP;
        for (String partner : report.partners()) {
            int groupY = y;
            y += HEADER;
            List<Bar> bars = new ArrayList<>();
            for (YearReport.Line l : report.lines()) {
                if (l.partner().equals(partner)) {
                    int value = l.counts().requests();
                    int w = Math.max(1, (int) Math.round((double) value * BAR_AREA / max));
                    boolean in = l.direction() == Direction.IN;
                    String label = t.code("cat", l.category().name()) + ", " + t.get(in ? "chart.in" : "chart.out");
                    bars.add(new Bar(
                            l.category().name(),
                            l.direction().name(),
                            value,
                            label,
                            y,
                            w,
                            in ? IN_COLOUR : OUT_COLOUR));
                    y += ROW;
                }
            }
            groups.add(new Group(xmlText(partner), groupY, List.copyOf(bars)));
        }
        String description = t.get(
                "chart.desc",
                report.total(Direction.IN).requests(),
                report.total(Direction.OUT).requests(),
                report.partners().size(),
                report.year(),
                report.from(),
                report.until(),
                report.zone());
        return new StatisticsChart(
                t.get("chart.title", report.year()),
                description,
                LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
                y + 16,
                List.copyOf(groups));
    }

    /**
     * The text with the characters XML 1.0 cannot carry at all (not even escaped) replaced by U+FFFD: a
     * partner id comes from the configuration, and an SVG that does not parse shows nothing.
     */
    static String xmlText(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                boolean allowed = c == '\t'
                        || c == '\n'
                        || c == '\r'
                        || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD);
                out.append(allowed ? c : '\uFFFD');
            }
        }
        return out.toString();
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    List<Group> groups() {
        return groups;
    }
}
