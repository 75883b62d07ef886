package dev.herald.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain SVG bar and line charts, enough for the benchmark's figures without a plotting library: one series
 * per server, a legend, labelled axes, values written on the bars. NaN values are gaps.
 */
final class SvgChart {

    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private SvgChart() {
    }

    /** Grouped bars: one group per category, one bar per series. */
    static String bars(String title, String yLabel, List<String> categories, Map<String, double[]> series) {
        double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).filter(v -> !Double.isNaN(v))
                .max().orElse(1);
        max = niceCeiling(max);
        StringBuilder svg = frame(title, yLabel, max, false, 0);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double groupWidth = (double) plotWidth / categories.size();
        double barWidth = groupWidth * 0.8 / series.size();
        int s = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            for (int c = 0; c < categories.size(); c++) {
                double value = entry.getValue()[c];
                if (Double.isNaN(value)) {
                    continue;
                }
                double x = LEFT + c * groupWidth + groupWidth * 0.1 + s * barWidth;
                double h = Math.max(0, (HEIGHT - TOP - BOTTOM) * value / max); // a negative growth draws no bar, only its label
                double y = HEIGHT - BOTTOM - h;
                svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>%n",
                        x, y, barWidth - 2, h, COLORS[s % COLORS.length]));
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='10' text-anchor='middle'>%s</text>%n",
                        x + barWidth / 2 - 1, y - 3, format(value)));
            }
            s++;
        }
        for (int c = 0; c < categories.size(); c++) {
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='12' text-anchor='middle'>%s</text>%n",
                    LEFT + (c + 0.5) * groupWidth, HEIGHT - BOTTOM + 18, escape(categories.get(c))));
        }
        return legend(svg, series.keySet()).append("</svg>\n").toString();
    }

    /** Lines over categorical x values on a logarithmic y axis (latencies span decades), with a dashed line at {@code threshold}. */
    static String logLines(String title, String xLabel, String yLabel, List<String> xs, Map<String, double[]> series,
                           double threshold) {
        double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream)
                .filter(v -> !Double.isNaN(v) && v > 0).max().orElse(10);
        double min = series.values().stream().flatMapToDouble(java.util.Arrays::stream)
                .filter(v -> !Double.isNaN(v) && v > 0).min().orElse(1);
        int lowDecade = (int) Math.floor(Math.log10(Math.max(Math.min(min, threshold), 0.01)));
        int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(max, threshold))));
        StringBuilder svg = frame(title, yLabel, highDecade, true, lowDecade);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double thresholdY = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (Math.log10(threshold) - lowDecade) / (highDecade - lowDecade);
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#888' stroke-dasharray='6,4'/>%n"
                + "<text x='%d' y='%.1f' font-size='11' text-anchor='end' fill='#555'>%s ms</text>%n",
                LEFT, WIDTH - RIGHT, thresholdY, thresholdY, WIDTH - RIGHT, thresholdY - 4, format(threshold)));
        double step = xs.size() > 1 ? (double) plotWidth / (xs.size() - 1) : plotWidth;
        int s = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.size(); i++) {
                double value = entry.getValue()[i];
                if (Double.isNaN(value) || value <= 0) {
                    continue;
                }
                double x = LEFT + i * step;
                double y = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (Math.log10(value) - lowDecade) / (highDecade - lowDecade);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>%n", x, y, COLORS[s % COLORS.length]));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>%n",
                    COLORS[s % COLORS.length], points.toString().trim()));
            s++;
        }
        for (int i = 0; i < xs.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='12' text-anchor='middle'>%s</text>%n",
                    LEFT + i * step, HEIGHT - BOTTOM + 18, escape(xs.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12' text-anchor='middle'>%s</text>%n",
                LEFT + plotWidth / 2, HEIGHT - BOTTOM + 38, escape(xLabel)));
        return legend(svg, series.keySet()).append("</svg>\n").toString();
    }

    /** The SVG header, title, axes and horizontal grid (linear up to {@code top}, or decades low..top). */
    private static StringBuilder frame(String title, String yLabel, double top, boolean log, int lowDecade) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "font-family='sans-serif'>%n<rect width='100%%' height='100%%' fill='white'/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='24' font-size='15' text-anchor='middle' font-weight='bold'>%s</text>%n",
                WIDTH / 2, escape(title)));
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int ticks = log ? (int) top - lowDecade : 5;
        for (int i = 0; i <= ticks; i++) {
            double y = HEIGHT - BOTTOM - (double) plotHeight * i / ticks;
            double value = log ? Math.pow(10, lowDecade + i) : top * i / ticks;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#ddd'/>%n",
                    LEFT, WIDTH - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>%n",
                    LEFT - 6, y + 4, format(value)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='black'/>%n",
                LEFT, LEFT, TOP, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='black'/>%n",
                LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text transform='translate(18,%d) rotate(-90)' font-size='12' text-anchor='middle'>%s</text>%n",
                TOP + plotHeight / 2, escape(yLabel)));
        return svg;
    }

    private static StringBuilder legend(StringBuilder svg, Iterable<String> names) {
        int x = LEFT;
        int s = 0;
        for (String name : names) {
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='12' height='12' fill='%s'/>%n",
                    x, HEIGHT - 22, COLORS[s % COLORS.length]));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12'>%s</text>%n", x + 16, HEIGHT - 12, escape(name)));
            x += 30 + 8 * name.length();
            s++;
        }
        return svg;
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * magnitude >= value) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String format(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
