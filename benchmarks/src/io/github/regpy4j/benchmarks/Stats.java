package io.github.regpy4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Median and spread of repeated measurements.
 *
 * @param median the median
 * @param q1 the first quartile (linear interpolation)
 * @param q3 the third quartile
 * @param min the smallest value
 * @param max the largest value
 * @param n how many values
 */
record Stats(double median, double q1, double q3, double min, double max, int n) {

    /** @param values the measurements. Not modified. */
    static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Stats(quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75), v[0], v[v.length - 1], v.length);
    }

    /** @return the median of {@code values}. Not modified. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return quantile(v, 0.5);
    }

    private static double quantile(double[] sorted, double p) {
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /** @return {@code median [q1–q3]} with the given format for each number */
    String format(String fmt) {
        return String.format(Locale.ROOT, fmt + " [" + fmt + "–" + fmt + "]", median, q1, q3);
    }

    /** @return JSON */
    String json() {
        return String.format(Locale.ROOT, "{\"median\": %.6g, \"q1\": %.6g, \"q3\": %.6g, \"min\": %.6g, \"max\": %.6g, \"n\": %d}",
                median, q1, q3, min, max, n);
    }
}
