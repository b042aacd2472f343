package io.github.regpy4j.vecsps;

import java.util.Arrays;

/**
 * Elementwise arithmetic on the {@code double[]} elements of a {@link VectorSpace}. Every method
 * returns a fresh array and leaves its arguments unmodified, unless its name ends in
 * {@code InPlace}, in which case the array it says is modified.
 *
 * <p>Complex methods take interleaved arrays {@code [re₀, im₀, re₁, im₁, …]}.
 */
public final class Vectors {

    private Vectors() {}

    /**
     * @param x an array. Not modified.
     * @param y an array of the same length. Not modified.
     * @return {@code x + y}, a fresh array
     */
    public static double[] add(double[] x, double[] y) {
        requireSameLength(x, y);
        double[] z = new double[x.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = x[k] + y[k];
        }
        return z;
    }

    /**
     * @param x an array. Not modified.
     * @param y an array of the same length. Not modified.
     * @return {@code x − y}, a fresh array
     */
    public static double[] subtract(double[] x, double[] y) {
        requireSameLength(x, y);
        double[] z = new double[x.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = x[k] - y[k];
        }
        return z;
    }

    /**
     * The sum of equally long arrays in the given order, starting from a copy of the first (not
     * from zero, so a single part comes back bit for bit).
     *
     * @param parts at least one array. Not modified.
     * @return {@code parts[0] + parts[1] + …}, a fresh array
     */
    public static double[] sum(double[]... parts) {
        double[] s = parts[0].clone();
        for (int i = 1; i < parts.length; i++) {
            requireSameLength(s, parts[i]);
            for (int k = 0; k < s.length; k++) {
                s[k] += parts[i][k];
            }
        }
        return s;
    }

    /**
     * @param a the factor
     * @param x an array. Not modified.
     * @return {@code a·x}, a fresh array
     */
    public static double[] scale(double a, double[] x) {
        double[] z = new double[x.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = a * x[k];
        }
        return z;
    }

    /**
     * {@code y ← y + a·x}.
     *
     * @param a the factor
     * @param x not modified
     * @param y modified
     */
    public static void axpyInPlace(double a, double[] x, double[] y) {
        requireSameLength(x, y);
        for (int k = 0; k < x.length; k++) {
            y[k] += a * x[k];
        }
    }

    /**
     * {@code y[offset …] ← y[offset …] + x}.
     *
     * @param x not modified
     * @param y modified in {@code [offset, offset + x.length)}
     * @param offset where {@code x} lands in {@code y}
     */
    public static void addInPlace(double[] x, double[] y, int offset) {
        for (int k = 0; k < x.length; k++) {
            y[offset + k] += x[k];
        }
    }

    /**
     * The entrywise complex product of two interleaved arrays.
     *
     * @param x interleaved complex entries. Not modified.
     * @param y interleaved complex entries, as many. Not modified.
     * @return {@code z[k] = x[k]·y[k]} for each complex entry, a fresh array
     */
    public static double[] complexMultiply(double[] x, double[] y) {
        requireSameLength(x, y);
        double[] z = new double[x.length];
        for (int k = 0; k < z.length; k += 2) {
            double a = x[k], b = x[k + 1], c = y[k], d = y[k + 1];
            z[k] = a * c - b * d;
            z[k + 1] = a * d + b * c;
        }
        return z;
    }

    /**
     * The entrywise product {@code conj(x[k])·y[k]} of two interleaved arrays.
     *
     * @param x interleaved complex entries. Not modified.
     * @param y interleaved complex entries, as many. Not modified.
     * @return a fresh array
     */
    public static double[] complexConjugateMultiply(double[] x, double[] y) {
        requireSameLength(x, y);
        double[] z = new double[x.length];
        for (int k = 0; k < z.length; k += 2) {
            double a = x[k], b = -x[k + 1], c = y[k], d = y[k + 1];
            z[k] = a * c - b * d;
            z[k + 1] = a * d + b * c;
        }
        return z;
    }

    /**
     * The real array as a complex one with zero imaginary parts.
     *
     * @param x real, not modified
     * @return interleaved, twice as long
     */
    public static double[] toComplex(double[] x) {
        double[] z = new double[2 * x.length];
        for (int k = 0; k < x.length; k++) {
            z[2 * k] = x[k];
        }
        return z;
    }

    /**
     * A relative distance for tests and diagnostics.
     *
     * @param x an array. Not modified.
     * @param y the reference, of the same length. Not modified.
     * @return the largest {@code |x[k] − y[k]|} divided by the largest {@code |y[k]|} (or by 1 if that is 0)
     */
    public static double relativeMaxDifference(double[] x, double[] y) {
        requireSameLength(x, y);
        double diff = 0, scale = 0;
        for (int k = 0; k < x.length; k++) {
            diff = Math.max(diff, Math.abs(x[k] - y[k]));
            scale = Math.max(scale, Math.abs(y[k]));
        }
        return diff / (scale == 0 ? 1 : scale);
    }

    /**
     * @param x an array or {@code null}. Not modified.
     * @return a copy of {@code x}, or {@code null} for {@code null}
     */
    public static double[] copy(double[] x) {
        return x == null ? null : Arrays.copyOf(x, x.length);
    }

    private static void requireSameLength(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("Vectors needs two arrays but got " + (x == null ? "null" : "an array")
                    + " and " + (y == null ? "null" : "an array"));
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("arrays differ in length: " + x.length + " and " + y.length);
        }
    }
}
