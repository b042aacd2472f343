package io.github.regpy4j.linalg;

import java.util.Arrays;

/**
 * The restarted generalized minimal residual method (GMRES(m)) for a complex linear system
 * {@code A x = b}, with {@code A} given as a matrix-free map. Port of the solver regpy calls for
 * its Lippmann–Schwinger equations, {@code scipy.sparse.linalg.gmres}: same parameters, same
 * stopping test, same starting point.
 *
 * <p>Vectors of {@code n} complex entries are {@code double[2n]}, interleaved (re, im), as
 * everywhere in regpy4j. Each restart cycle builds an orthonormal basis {@code v₀ … v_{k}} of the
 * Krylov space {@code span{r, A r, …, A^{k−1} r}} of the current residual {@code r} by modified
 * Gram–Schmidt (at most {@link #restart()} products with {@code A}), updates the QR factors of the
 * Hessenberg matrix by complex Givens rotations, and adds to {@code x} the combination that
 * minimizes {@code ‖b − A x‖} over that space. The solver stops when
 *
 * <pre>
 *   ‖b − A x‖ ≤ max(atol, rtol · ‖b‖)
 * </pre>
 *
 * <p>for the true residual, recomputed at the end of each cycle (the Givens estimate ends a cycle
 * early). If it does not after {@link #maxCycles()} cycles, or the Krylov space stops growing
 * before, it throws {@link GmresNotConvergedException} with the residual reached.
 *
 * <p>regpy's choice for the Lippmann–Schwinger equation, {@link #regpyDefaults()}, is {@code
 * restart = 10}, {@code rtol = 1e−14}, {@code atol = 0} and at most 100 cycles (scipy's {@code
 * maxiter} counts restart cycles).
 *
 * <p>An instance keeps its work arrays from one solve to the next (they are sized for the largest
 * system seen), so it is not thread-safe: use one per thread, as an operator is used.
 */
public final class Gmres {

    /**
     * A complex linear map {@code x ↦ A x} on interleaved arrays.
     */
    @FunctionalInterface
    public interface LinearMap {
        /**
         * Computes {@code A x}.
         *
         * @param x the argument, {@code 2n} doubles. Not modified.
         * @param out the result, {@code 2n} doubles, never {@code x}. Modified: overwritten.
         */
        void apply(double[] x, double[] out);
    }

    /**
     * What a solve that converged did.
     *
     * @param iterations products with {@code A} in the Krylov cycles (the residual recomputed at
     *     the end of each cycle is one more, not counted, as is the first one when {@code x₀ ≠ 0})
     * @param cycles restart cycles begun
     * @param residualNorm {@code ‖b − A x‖} at the end
     * @param targetNorm {@code max(atol, rtol · ‖b‖)}
     */
    public record Result(int iterations, int cycles, double residualNorm, double targetNorm) {}

    private final int restart;
    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final int maxCycles;

    // Work arrays, sized on first use and reused (transient: rebuilt after deserialization).
    private transient double[][] basis;
    private transient double[] w;
    private transient double[] residual;
    /** Hessenberg matrix, column j at offset 2(restart+1)j, complex interleaved. */
    private transient double[] hessenberg;
    private transient double[] cosines;
    private transient double[] sines;
    private transient double[] rhs;
    private transient double[] coefficients;
    /** Whether the last cycle ended because the Krylov space stopped growing. */
    private transient boolean lastCycleBrokeDown;

    /**
     * @param restart the dimension of the Krylov space of each cycle, ≥ 1 (scipy's {@code restart})
     * @param relativeTolerance {@code rtol ≥ 0}
     * @param absoluteTolerance {@code atol ≥ 0}; {@code rtol} and {@code atol} not both 0
     * @param maxCycles at most this many restart cycles, ≥ 1 (scipy's {@code maxiter})
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public Gmres(int restart, double relativeTolerance, double absoluteTolerance, int maxCycles) {
        if (restart < 1) {
            throw new IllegalArgumentException("GMRES needs restart ≥ 1 but got " + restart);
        }
        if (maxCycles < 1) {
            throw new IllegalArgumentException("GMRES needs maxCycles ≥ 1 but got " + maxCycles);
        }
        if (!(relativeTolerance >= 0 && relativeTolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("GMRES needs a finite relative tolerance ≥ 0 but got " + relativeTolerance);
        }
        if (!(absoluteTolerance >= 0 && absoluteTolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("GMRES needs a finite absolute tolerance ≥ 0 but got " + absoluteTolerance);
        }
        if (relativeTolerance == 0 && absoluteTolerance == 0) {
            throw new IllegalArgumentException("GMRES needs a relative or an absolute tolerance above 0 but both are 0");
        }
        this.restart = restart;
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
        this.maxCycles = maxCycles;
    }

    /**
     * @return regpy's parameters for the Lippmann–Schwinger equation: restart 10, {@code rtol =
     *     1e−14}, {@code atol = 0}, at most 100 cycles
     */
    public static Gmres regpyDefaults() {
        return new Gmres(10, 1e-14, 0.0, 100);
    }

    /** @return the dimension of the Krylov space of each cycle */
    public int restart() {
        return restart;
    }

    /** @return {@code rtol} */
    public double relativeTolerance() {
        return relativeTolerance;
    }

    /** @return {@code atol} */
    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    /** @return the largest number of restart cycles */
    public int maxCycles() {
        return maxCycles;
    }

    /**
     * Solves {@code A x = b} starting from {@code x = 0}.
     *
     * @param a the map {@code A}
     * @param b the right-hand side, {@code 2n} doubles. Not modified.
     * @return the solution, a fresh array
     * @throws GmresNotConvergedException if the tolerance was not reached
     */
    public double[] solve(LinearMap a, double[] b) {
        double[] x = new double[b.length];
        solve(a, b, x);
        return x;
    }

    /**
     * Solves {@code A x = b} from the starting point in {@code x}.
     *
     * @param a the map {@code A}
     * @param b the right-hand side, {@code 2n} doubles, {@code n ≥ 1}. Not modified.
     * @param x the starting point, {@code 2n} doubles, not {@code b}. Modified: the solution on
     *     return; on an exception, the last iterate.
     * @return the iterations, cycles and residual
     * @throws GmresNotConvergedException if the tolerance was not reached
     * @throws IllegalArgumentException if the lengths are not equal, even and positive, or {@code
     *     b} is not finite
     */
    public Result solve(LinearMap a, double[] b, double[] x) {
        requireSystem(b, x);
        int len = b.length;
        ensureCapacity(len);
        double bNorm = norm(b, len);
        if (!Double.isFinite(bNorm)) {
            throw new IllegalArgumentException("GMRES needs a finite right-hand side but ‖b‖ = " + bNorm);
        }
        double target = Math.max(absoluteTolerance, relativeTolerance * bNorm);
        if (bNorm == 0) {
            // As scipy: the solution of A x = 0 is 0, whatever x held.
            Arrays.fill(x, 0.0);
            return new Result(0, 0, 0.0, target);
        }
        double rNorm = residual(a, b, x, len);
        int iterations = 0;
        int cycles = 0;
        while (rNorm > target && cycles < maxCycles && Double.isFinite(rNorm)) {
            cycles++;
            int k = cycle(a, x, rNorm, target, len);
            iterations += k;
            rNorm = residual(a, b, x, len);
            if (k < restart && rNorm > target && lastCycleBrokeDown) {
                break; // the Krylov space stopped growing: another cycle would find nothing new
            }
        }
        if (!(rNorm <= target)) {
            throw new GmresNotConvergedException(rNorm, target, bNorm, iterations, cycles, this);
        }
        return new Result(iterations, cycles, rNorm, target);
    }

    /**
     * One cycle from the residual in {@code residual} (norm {@code rNorm}): builds the basis and
     * adds the minimizer over it to {@code x}. Sets {@link #lastCycleBrokeDown}.
     *
     * @return the number of products with {@code A}
     */
    private int cycle(LinearMap a, double[] x, double rNorm, double target, int len) {
        lastCycleBrokeDown = false;
        scale(residual, 1.0 / rNorm, basis[0], len);
        Arrays.fill(rhs, 0.0);
        rhs[0] = rNorm;
        int stride = 2 * (restart + 1);
        int k = 0;
        for (int j = 0; j < restart; j++) {
            a.apply(basis[j], w);
            k = j + 1;
            int col = j * stride;
            // modified Gram–Schmidt: h_ij = ⟨v_i, w⟩ = Σ conj(v_i) w
            for (int i = 0; i <= j; i++) {
                project(basis[i], w, len, hessenberg, col + 2 * i);
            }
            double hNext = norm(w, len);
            // earlier rotations on column j
            for (int i = 0; i < j; i++) {
                rotate(col + 2 * i, i);
            }
            // new rotation zeroing h_{j+1,j} (real, ≥ 0) against h_jj
            double ar = hessenberg[col + 2 * j];
            double ai = hessenberg[col + 2 * j + 1];
            double aAbs = Math.hypot(ar, ai);
            double nu = Math.hypot(aAbs, hNext);
            double c;
            double sr;
            double si;
            if (aAbs == 0) {
                c = 0;
                sr = 1;
                si = 0;
                hessenberg[col + 2 * j] = hNext;
                hessenberg[col + 2 * j + 1] = 0;
            } else {
                c = aAbs / nu;
                sr = ar / aAbs * hNext / nu;
                si = ai / aAbs * hNext / nu;
                hessenberg[col + 2 * j] = ar / aAbs * nu;
                hessenberg[col + 2 * j + 1] = ai / aAbs * nu;
            }
            cosines[j] = c;
            sines[2 * j] = sr;
            sines[2 * j + 1] = si;
            // the right-hand side g = (…, g_j, 0): g_{j+1} = −conj(s) g_j, g_j = c g_j
            double gr = rhs[2 * j];
            double gi = rhs[2 * j + 1];
            rhs[2 * j + 2] = -(sr * gr + si * gi);
            rhs[2 * j + 3] = -(sr * gi - si * gr);
            rhs[2 * j] = c * gr;
            rhs[2 * j + 1] = c * gi;
            double estimate = Math.hypot(rhs[2 * j + 2], rhs[2 * j + 3]);
            if (hNext == 0 || !(hNext > Double.MIN_NORMAL * nu)) {
                lastCycleBrokeDown = true;
                break;
            }
            scale(w, 1.0 / hNext, basis[j + 1], len);
            if (estimate <= target) {
                break;
            }
        }
        // back substitution R y = g on the leading k×k block
        for (int i = k - 1; i >= 0; i--) {
            double yr = rhs[2 * i];
            double yi = rhs[2 * i + 1];
            for (int m = i + 1; m < k; m++) {
                int at = m * stride + 2 * i;
                double hr = hessenberg[at];
                double hi = hessenberg[at + 1];
                double cr = coefficients[2 * m];
                double ci = coefficients[2 * m + 1];
                yr -= hr * cr - hi * ci;
                yi -= hr * ci + hi * cr;
            }
            int at = i * stride + 2 * i;
            double hr = hessenberg[at];
            double hi = hessenberg[at + 1];
            double d = hr * hr + hi * hi;
            coefficients[2 * i] = (yr * hr + yi * hi) / d;
            coefficients[2 * i + 1] = (yi * hr - yr * hi) / d;
        }
        for (int i = 0; i < k; i++) {
            addMultiple(x, coefficients[2 * i], coefficients[2 * i + 1], basis[i], len);
        }
        return k;
    }

    // The loops over vectors live in small methods of their own, not in cycle: the JIT compiles
    // them once, on their own. A cycle that takes a branch it never took before (the Krylov space
    // breaks down at once when A = I, as at zero contrast) makes the JIT throw away its compiled
    // cycle; the loops it calls stay compiled, so the cycle runs at full speed while it is
    // compiled again. With the loops inlined into one large method, every such event sent all of
    // GMRES back to the interpreter for a while, in every fresh worker JVM.

    /** {@code out = s·v} on the first {@code len} entries. */
    private static void scale(double[] v, double s, double[] out, int len) {
        for (int p = 0; p < len; p++) {
            out[p] = v[p] * s;
        }
    }

    /**
     * One step of modified Gram–Schmidt: {@code h = ⟨v, w⟩ = Σ conj(v) w} into {@code h[at]},
     * {@code h[at + 1]}, then {@code w −= h v}.
     */
    private static void project(double[] v, double[] w, int len, double[] h, int at) {
        double re = 0;
        double im = 0;
        for (int p = 0; p < len; p += 2) {
            re += v[p] * w[p] + v[p + 1] * w[p + 1];
            im += v[p] * w[p + 1] - v[p + 1] * w[p];
        }
        h[at] = re;
        h[at + 1] = im;
        for (int p = 0; p < len; p += 2) {
            double vr = v[p];
            double vi = v[p + 1];
            w[p] -= re * vr - im * vi;
            w[p + 1] -= re * vi + im * vr;
        }
    }

    /** {@code x += (cr + i·ci)·v}, interleaved complex. */
    private static void addMultiple(double[] x, double cr, double ci, double[] v, int len) {
        for (int p = 0; p < len; p += 2) {
            x[p] += cr * v[p] - ci * v[p + 1];
            x[p + 1] += cr * v[p + 1] + ci * v[p];
        }
    }

    /** Applies rotation {@code i} to the entries {@code (h_i, h_{i+1})} of a column at {@code at}. */
    private void rotate(int at, int i) {
        double c = cosines[i];
        double sr = sines[2 * i];
        double si = sines[2 * i + 1];
        double xr = hessenberg[at];
        double xi = hessenberg[at + 1];
        double yr = hessenberg[at + 2];
        double yi = hessenberg[at + 3];
        // x' = c x + s y,  y' = −conj(s) x + c y
        hessenberg[at] = c * xr + sr * yr - si * yi;
        hessenberg[at + 1] = c * xi + sr * yi + si * yr;
        hessenberg[at + 2] = -(sr * xr + si * xi) + c * yr;
        hessenberg[at + 3] = -(sr * xi - si * xr) + c * yi;
    }

    /** {@code residual = b − A x}; returns its norm. Spares the product when {@code x = 0}, as scipy does. */
    private double residual(LinearMap a, double[] b, double[] x, int len) {
        if (isZero(x, len)) {
            System.arraycopy(b, 0, residual, 0, len);
            return norm(residual, len);
        }
        a.apply(x, w);
        for (int p = 0; p < len; p++) {
            residual[p] = b[p] - w[p];
        }
        return norm(residual, len);
    }

    private void ensureCapacity(int len) {
        if (w != null && w.length == len) {
            return;
        }
        basis = new double[restart + 1][len];
        w = new double[len];
        residual = new double[len];
        hessenberg = new double[2 * (restart + 1) * restart];
        cosines = new double[restart];
        sines = new double[2 * restart];
        rhs = new double[2 * (restart + 1)];
        coefficients = new double[2 * restart];
    }

    private static boolean isZero(double[] v, int len) {
        for (int p = 0; p < len; p++) {
            if (v[p] != 0) {
                return false;
            }
        }
        return true;
    }

    private static double norm(double[] v, int len) {
        double s = 0;
        for (int p = 0; p < len; p++) {
            s += v[p] * v[p];
        }
        return Math.sqrt(s);
    }

    private static void requireSystem(double[] b, double[] x) {
        if (b == null || x == null) {
            throw new IllegalArgumentException("GMRES needs a right-hand side and a solution array but got "
                    + (b == null ? "b = null" : "x = null"));
        }
        if (b.length != x.length || b.length == 0 || b.length % 2 != 0) {
            throw new IllegalArgumentException("GMRES needs b and x of the same even, positive length (interleaved"
                    + " complex) but b has length " + b.length + " and x " + x.length);
        }
        if (b == x) {
            throw new IllegalArgumentException("GMRES needs x to be another array than b");
        }
    }

    /** @return e.g. {@code Gmres[restart 10, rtol 1.0E-14, atol 0.0, at most 100 cycles]} */
    @Override
    public String toString() {
        return "Gmres[restart " + restart + ", rtol " + relativeTolerance + ", atol " + absoluteTolerance
                + ", at most " + maxCycles + " cycles]";
    }
}
