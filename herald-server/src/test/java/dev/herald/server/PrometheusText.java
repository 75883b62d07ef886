package dev.herald.server;

import java.util.HashMap;
import java.util.Map;

/** The samples of one Prometheus text exposition, by series ({@code name{labels}} exactly as written). */
record PrometheusText(Map<String, Double> samples) {

    static PrometheusText parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new PrometheusText(samples);
    }

    /** The series' value; 0 when it is not exposed (a counter that has not moved yet may be absent). */
    double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** How much {@code series} moved since {@code before}. */
    double since(PrometheusText before, String series) {
        return value(series) - before.value(series);
    }
}
