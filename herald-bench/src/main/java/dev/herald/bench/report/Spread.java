package dev.herald.bench.report;

import java.util.Arrays;

/**
 * One figure over the repeated runs of a benchmark: the median (the table's value, robust to one disturbed
 * run), the smallest and largest (how far the runs disagree) and how many runs measured it.
 */
record Spread(double median, double min, double max, int runs) {

    /** The spread of {@code values}, one per run that measured the figure; null when none did. */
    static Spread of(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /**
     * The median, then {@code (min–max)} when the runs differ: a single run, or runs that agree (nothing lost in
     * any of them), read as the plain figure.
     */
    String text() {
        return text("");
    }

    /** As {@link #text()}, with {@code unit} right after the median ({@code 9,990/s (9,980–9,995)}). */
    String text(String unit) {
        String median = SvgChart.format(this.median) + unit;
        return min == max ? median : median + " (" + SvgChart.format(min) + "–" + SvgChart.format(max) + ")";
    }
}
