package io.github.regpy4j.vecsps;

/** Dot product and norm of plain arrays, shared by every space. */
final class ArrayMath {
    private ArrayMath() {}

    static double dotProduct(double[] x, double[] y) {
        // Four accumulators: independent chains vectorize and keep rounding comparable.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < x.length; k += 4) {
            s0 += x[k] * y[k];
            s1 += x[k + 1] * y[k + 1];
            s2 += x[k + 2] * y[k + 2];
            s3 += x[k + 3] * y[k + 3];
        }
        for (; k < x.length; k++) {
            s0 += x[k] * y[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double norm(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0 || Double.isInfinite(max) || Double.isNaN(max)) {
            return max == 0 ? 0 : (Double.isNaN(max) ? Double.NaN : Double.POSITIVE_INFINITY);
        }
        // Scaled sum of squares: no overflow for huge entries, no underflow for tiny ones.
        double s = 0;
        for (double v : x) {
            double t = v / max;
            s += t * t;
        }
        return max * Math.sqrt(s);
    }
}
