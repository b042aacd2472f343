package io.github.regpy4j.operators.scattering;

/**
 * Bessel functions of the first and second kind of orders 0 and 1 for real arguments {@code x ≥
 * 0}, as the Fourier coefficients of the periodized Helmholtz kernel need them (scipy's {@code
 * jv} and {@code hankel1} in regpy).
 *
 * <p>{@code J₀ … J_M} come from Miller's backward recurrence {@code J_{n−1} = (2n/x) J_n −
 * J_{n+1}}, started far above {@code x} and normalized by {@code J₀ + 2 Σ J_{2k} = 1}: accurate to
 * a few units of {@code 10⁻¹⁶} absolute for every {@code x}, at a cost of about {@code x + 12 x^⅓}
 * steps. {@code Y₀} and {@code Y₁} come from Neumann's series in these (Abramowitz–Stegun 9.1.88
 * and its derivative):
 *
 * <pre>
 *   Y₀(x) = (2/π)(ln(x/2) + γ) J₀(x) − (4/π) Σ_{k≥1} (−1)^k J_{2k}(x) / k
 *   Y₁(x) = (2/π)[(ln(x/2) + γ) J₁(x) − J₀(x)/x] + (2/π) Σ_{k≥1} (−1)^k (J_{2k−1}(x) − J_{2k+1}(x)) / k
 * </pre>
 */
final class Bessel {

    /** γ = 0.57721566490153286061…, as the nearest double. */
    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final double BIG = 1e250;

    private Bessel() {}

    /**
     * @param x the argument, ≥ 0 and finite
     * @return {@code J₀(x), J₁(x), …, J_M(x)} for an {@code M} large enough that the rest are
     *     below rounding ({@code M ≥ 2})
     */
    static double[] firstKind(double x) {
        if (!(x >= 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Bessel functions are computed here for finite x ≥ 0 but x = " + x);
        }
        int m = 2 * (int) ((x + 20 + 12 * Math.cbrt(x)) / 2) + 2;
        double[] j = new double[m + 1];
        if (x == 0) {
            j[0] = 1;
            return j;
        }
        double above = 0;
        double current = 1e-30;
        j[m] = current;
        for (int n = m; n > 0; n--) {
            double below = 2 * n / x * current - above;
            above = current;
            current = below;
            j[n - 1] = current;
            if (Math.abs(current) > BIG) {
                for (int i = n - 1; i <= m; i++) {
                    j[i] /= BIG;
                }
                above /= BIG;
                current /= BIG;
            }
        }
        double norm = j[0];
        for (int k = 2; k <= m; k += 2) {
            norm += 2 * j[k];
        }
        for (int i = 0; i <= m; i++) {
            j[i] /= norm;
        }
        return j;
    }

    /**
     * @param x the argument, &gt; 0 and finite
     * @return {@code {J₀(x), J₁(x), Y₀(x), Y₁(x)}}
     */
    static double[] ordersZeroAndOne(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("Y₀ and Y₁ need x > 0 but x = " + x);
        }
        double[] j = firstKind(x);
        double log = Math.log(x / 2) + EULER_GAMMA;
        double s0 = 0;
        double s1 = 0;
        for (int k = 1; 2 * k + 1 < j.length; k++) {
            double sign = (k % 2 == 0) ? 1.0 : -1.0;
            s0 += sign * j[2 * k] / k;
            s1 += sign * (j[2 * k - 1] - j[2 * k + 1]) / k;
        }
        double y0 = 2 / Math.PI * log * j[0] - 4 / Math.PI * s0;
        double y1 = 2 / Math.PI * (log * j[1] - j[0] / x) + 2 / Math.PI * s1;
        return new double[] {j[0], j[1], y0, y1};
    }
}
