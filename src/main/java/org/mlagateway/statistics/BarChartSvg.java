package org.mlagateway.statistics;

import java.util.List;
import java.util.Locale;
import org.mlagateway.store.Direction;

/**
 * The requests of a {@link YearReport} as an SVG bar chart, by partner state and type: for each
 * partner, one bar per category and direction that has requests. Made on the server as plain text:
 * no scripts, no styles or fonts fetched from anywhere, every text XML-escaped. It is accessible on
 * its own: the root has {@code role="img"} with a title and a description, each bar group has its
 * own title, and every bar is labelled with its category, direction and count in text, so colour
 * carries no meaning that is not also written. Each bar's {@code g} element carries
 * {@code data-partner}, {@code data-category}, {@code data-direction} and {@code data-value}.
 */
public final class BarChartSvg {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final int LABEL_WIDTH = 300;
    private static final int BAR_AREA = 360;
    private static final int VALUE_WIDTH = 60;
    private static final int ROW = 18;
    private static final int HEADER = 24;
    private static final int TOP = 48;
    private static final String IN_COLOUR = "#1f5f99"; // dark blue and orange differ for colour-blind
    private static final String OUT_COLOUR = "#c15a00"; // readers too, and both pass 4.5:1 on white

    private BarChartSvg() {}

    public static String render(YearReport report) {
        List<String> partners = report.partners();
        int max = 1;
        int rows = 0;
        for (YearReport.Line l : report.lines()) {
            max = Math.max(max, l.counts().requests());
            rows++;
        }
        int width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
        int height = TOP + partners.size() * HEADER + rows * ROW + 16;
        String title = "Requests by partner state and type, " + report.year();
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\""
                        + " font-size=\"12\">",
                SVG_NS,
                width,
                height,
                width,
                height));
        svg.append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"chart-desc\">")
                .append(escape(description(report)))
                .append("</desc>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        svg.append(String.format(
                Locale.ROOT, "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">%s</text>", escape(title)));
        legend(svg);
        int y = TOP;
        for (String partner : partners) {
            svg.append("<g role=\"list\" data-partner=\"")
                    .append(escape(partner))
                    .append("\">");
            svg.append(String.format(
                    Locale.ROOT, "<text x=\"0\" y=\"%d\" font-weight=\"bold\">%s</text>", y + 16, escape(partner)));
            y += HEADER;
            for (YearReport.Line l : report.lines()) {
                if (l.partner().equals(partner)) {
                    bar(svg, l, y, max);
                    y += ROW;
                }
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    private static void legend(StringBuilder svg) {
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"0\" y=\"26\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"16\" y=\"36\">received from the partner</text>"
                        + "<rect x=\"200\" y=\"26\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"216\" y=\"36\">sent to the partner</text>",
                IN_COLOUR,
                OUT_COLOUR));
    }

    private static void bar(StringBuilder svg, YearReport.Line l, int y, int max) {
        int value = l.counts().requests();
        int w = Math.max(1, (int) Math.round((double) value * BAR_AREA / max));
        String label = l.category().label() + ", " + (l.direction() == Direction.IN ? "received" : "sent");
        svg.append(String.format(
                Locale.ROOT,
                "<g role=\"listitem\" data-partner=\"%s\" data-category=\"%s\""
                        + " data-direction=\"%s\" data-value=\"%d\"><title>%s</title>",
                escape(l.partner()),
                l.category().name(),
                l.direction().name(),
                value,
                escape(l.partner() + ": " + label + ": " + value)));
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\">%s</text>", y + 13, escape(label)));
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
                LABEL_WIDTH,
                y + 3,
                w,
                ROW - 5,
                l.direction() == Direction.IN ? IN_COLOUR : OUT_COLOUR));
        svg.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d</text></g>", LABEL_WIDTH + w + 4, y + 13, value));
    }

    private static String description(YearReport r) {
        return String.format(
                Locale.ROOT,
                "%d requests received from and %d sent to %d partner states in %d,"
                        + " stored between %s and %s (%s). One bar per partner, type and direction.",
                r.total(Direction.IN).requests(),
                r.total(Direction.OUT).requests(),
                r.partners().size(),
                r.year(),
                r.from(),
                r.until(),
                r.zone());
    }

    /** XML 1.0 text and attribute escaping; characters XML cannot carry become U+FFFD. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
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
            }
        }
        return out.toString();
    }
}
