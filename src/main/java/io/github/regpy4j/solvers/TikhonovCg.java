package io.github.regpy4j.solvers;

import io.github.regpy4j.hilbert.DiagonalGram;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tikhonov regularization of a linear problem by conjugate gradients. Port of regpy's
 * {@code TikhonovCG} ({@code regpy.solvers.linear.tikhonov}), without preconditioner, in plain
 * inner products or in the Hilbert spaces of a {@link RegularizationSetting}. Minimizes
 *
 * <pre>
 *   ‖T h − r‖² + α ‖h − h_ref‖²
 * </pre>
 *
 * <p>by CG on the normal equation {@code (T*T + α I) h = T* r + α h_ref}, starting from
 * {@code h = 0}. Each CG step applies the {@linkplain Operator#normal() normal operator} {@code
 * T*T} once: {@code T} and then {@code T*}, or, for a parallel operator, both in each worker in
 * one call, so that {@code T d} never travels. In a setting with
 * Gram operators {@code G_X}, {@code G_Y} the norms are theirs and {@code T*} becomes
 * {@code T^# = G_X⁻¹ T* G_Y}, and a step applies {@code T} and {@code T*} apart (see {@link
 * #solve(RegularizationSetting, double[], double, double[], Options)}).
 *
 * <p><b>Stopping</b> (as regpy, after H. Egger's embedded minimal-residual estimate): with
 * {@code gₖ} the residual of the normal equation, {@code βₖ = ‖gₖ‖²/‖gₖ₋₁‖²} and
 * {@code κₖ = 1 + βₖ κₖ₋₁} ({@code κ₀ = 1}), the error of {@code hₖ} to the exact minimizer is
 * bounded by {@code ‖gₖ‖ / (α √κₖ)}. The criteria are
 *
 * <pre>
 *   relative in X:  ‖gₖ‖ / (α √κₖ ‖hₖ‖)         &lt; tolX / (1 + tolX)
 *   relative in Y:  ‖gₖ‖ / (√(α κₖ) ‖T hₖ‖)      &lt; tolY / (1 + tolY)
 *   absolute:       ‖gₖ‖ / (α √κₖ)               &lt; tol
 * </pre>
 *
 * <p>and CG stops when any (or, with {@link Options#allCriteria()}, all) of the enabled ones
 * hold, or after {@link Options#maxIterations()} steps.
 */
public final class TikhonovCg {

    private static final Logger LOG = LoggerFactory.getLogger(TikhonovCg.class);

    /**
     * When the inner CG iteration stops. A tolerance of {@code NaN} disables its criterion.
     *
     * @param maxIterations at most this many CG steps, ≥ 1 (regpy's {@code cgstop})
     * @param relativeTolerance {@code tolX} (regpy's {@code reltolx}), or {@code NaN}
     * @param relativeDataTolerance {@code tolY} (regpy's {@code reltoly}), or {@code NaN}
     * @param absoluteTolerance {@code tol} (regpy's {@code tol}), or {@code NaN}
     * @param allCriteria whether all enabled criteria must hold (regpy's {@code all_tol_criteria})
     */
    public record Options(int maxIterations, double relativeTolerance, double relativeDataTolerance,
            double absoluteTolerance, boolean allCriteria) {

        /**
         * Checks the options.
         *
         * @param maxIterations at most this many CG steps, ≥ 1
         * @param relativeTolerance {@code tolX}, or {@code NaN}
         * @param relativeDataTolerance {@code tolY}, or {@code NaN}
         * @param absoluteTolerance {@code tol}, or {@code NaN}
         * @param allCriteria whether all enabled criteria must hold
         * @throws IllegalArgumentException if the limit is below 1 or a tolerance is not positive
         */
        public Options {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("TikhonovCg needs maxIterations ≥ 1 but got " + maxIterations);
            }
            requireTolerance(relativeTolerance, "relativeTolerance");
            requireTolerance(relativeDataTolerance, "relativeDataTolerance");
            requireTolerance(absoluteTolerance, "absoluteTolerance");
        }

        private static void requireTolerance(double t, String name) {
            if (!Double.isNaN(t) && !(t > 0 && t < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("TikhonovCg needs " + name + " > 0 (or NaN: off) but got " + t);
            }
        }

        /**
         * @return regpy's {@code IrgnmCG} defaults: at most 1000 steps, {@code tolX = tolY = 1/3},
         *     no absolute tolerance, stop when either relative criterion holds
         */
        public static Options irgnmDefaults() {
            return new Options(1000, 1.0 / 3, 1.0 / 3, Double.NaN, false);
        }

        /**
         * @param max the new step limit
         * @return these options with another step limit
         */
        public Options withMaxIterations(int max) {
            return new Options(max, relativeTolerance, relativeDataTolerance, absoluteTolerance, allCriteria);
        }
    }

    /**
     * @param h the approximate minimizer
     * @param iterations CG steps taken
     * @param converged whether the tolerance criteria held (else the step limit ended it)
     */
    @SuppressWarnings("ArrayRecordComponent") // the minimizer handed over without a copy; never compared
    public record Result(double[] h, int iterations, boolean converged) {}

    private TikhonovCg() {}

    /**
     * Minimizes {@code ‖T h − r‖² + α ‖h − h_ref‖²} in the plain norms.
     *
     * @param t {@code T}, linear
     * @param r {@code r}, an element of {@code T}'s codomain. Not modified.
     * @param alpha {@code α > 0}
     * @param hRef {@code h_ref}, an element of {@code T}'s domain, or {@code null} for 0. Not modified.
     * @param options when to stop
     * @return the approximate minimizer and how CG ended
     * @throws IllegalArgumentException if {@code T} is nonlinear, {@code α ≤ 0} or a vector does not fit
     */
    public static Result solve(Operator t, double[] r, double alpha, double[] hRef, Options options) {
        if (t == null || !t.isLinear()) {
            throw new IllegalArgumentException("TikhonovCg needs a linear operator but got " + t);
        }
        return solve(RegularizationSetting.euclidean(t), r, alpha, hRef, options);
    }

    /**
     * Minimizes {@code ‖T h − r‖²_{G_Y} + α ‖h − h_ref‖²_{G_X}} in the Hilbert spaces of a
     * setting: CG in the inner product of {@code G_X} on {@code (T^# T + α I) h = T^# r + α h_ref},
     * {@code T^# = G_X⁻¹ T* G_Y}, as regpy's {@code TikhonovCG} (without preconditioner). Each step
     * applies {@code T}, {@code T*}, {@code G_Y} and {@code G_X⁻¹} once; {@code G_X} is applied
     * once, to {@code h_ref}. When {@code G_Y} is a multiple {@code c I} of the identity (the
     * {@link Identity} of plain norms, or the {@link DiagonalGram} of {@link
     * io.github.regpy4j.hilbert.L2} on a grid without weights), a step applies {@code T*T} once
     * instead of {@code T}, {@code G_Y} and {@code T*}: with {@code ‖T d‖² = c ⟨d, T*T d⟩} and
     * {@code ‖T h‖} by a recurrence, no element of {@code Y} is needed (regpy keeps {@code T h};
     * the iterates agree with its way to rounding). The stopping criteria
     * measure {@code ‖gₖ‖}, {@code ‖hₖ‖} and {@code ‖T hₖ‖} in these spaces. With plain norms
     * ({@link RegularizationSetting#euclidean}) the iterates are those of {@link #solve(Operator,
     * double[], double, double[], Options)}, bit for bit. An operator that {@linkplain
     * Operator#evaluatesInto() evaluates into arrays} (a parallel operator, or its derivative)
     * writes every step's results into the same arrays, with the same iterates as a fresh result
     * per step.
     *
     * @param setting {@code T: X → Y}, linear, with the spaces {@code X} and {@code Y}
     * @param r {@code r}, an element of {@code Y}. Not modified.
     * @param alpha {@code α > 0}
     * @param hRef {@code h_ref}, an element of {@code X}, or {@code null} for 0. Not modified.
     * @param options when to stop
     * @return the approximate minimizer and how CG ended
     * @throws IllegalArgumentException if {@code T} is nonlinear, {@code α ≤ 0} or a vector does not fit
     */
    public static Result solve(RegularizationSetting setting, double[] r, double alpha, double[] hRef,
            Options options) {
        Operator t = setting.operator();
        if (!t.isLinear()) {
            throw new IllegalArgumentException("TikhonovCg needs a linear operator but got " + t);
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("TikhonovCg needs a regularization parameter α > 0 but got " + alpha);
        }
        VectorSpace xs = t.domain();
        t.codomain().requireElement(r, "right-hand side of TikhonovCg for " + t);
        if (hRef != null) {
            xs.requireElement(hRef, "reference point of TikhonovCg for " + t);
        }
        Operator adjoint = t.adjoint();
        Operator gramX = setting.penalty().gram();
        Operator gramXInverse = setting.penalty().gramInverse();
        Operator gramY = setting.dataFidelity().gram();

        // With a plain norm in X (G_X = I, what IrgnmCg.builder(operator, data) sets up), G_X h is
        // h, G_X d is d and the residual is g: those arrays are not kept, and a step moves less
        // memory. They would hold the same values to the last bit, so the iterates are those of the
        // general path in X.
        boolean plainX = gramX instanceof Identity && gramXInverse instanceof Identity;
        // With G_Y = c I (plain norms: c = 1; L² on a grid without weights: c the cell volume), a
        // step needs T d only through T* G_Y T d = c T*T d and ‖T d‖² = c ⟨d, T*T d⟩: the normal
        // operator gives both without T d, which a parallel operator then never sends back from
        // its workers only to send it to them again for T*. ‖T h‖² follows by
        // ‖T(h + s d)‖² = ‖T h‖² + s (2 ⟨T h, T d⟩ + s ‖T d‖²), with no element of Y kept at all.
        double yWeight = multipleOfIdentity(gramY);
        boolean plainY = !Double.isNaN(yWeight);
        // back holds T*T d on the normal operator's way, T* G_Y T d on the other: the update of g
        // scales it by c in its own loop, not in a pass of its own.
        double backScale = plainY ? yWeight : 1;
        Operator normal = plainY ? t.normal() : null;
        double[] h = xs.zeros();
        double[] gh = plainX ? null : xs.zeros(); // G_X h, kept along with h instead of applying G_X each step
        double[] th = plainY ? null : t.codomain().zeros();
        double[] gth = plainY ? null : t.codomain().zeros(); // G_Y T h
        double sqNormTh = 0;
        // g = T* G_Y r + α G_X h_ref − (T* G_Y T + α G_X) h, with h = 0: the residual of the
        // normal equation in the dual of X; res = G_X⁻¹ g is the residual itself.
        double[] g = adjoint.apply(gramY.apply(r));
        if (hRef != null) {
            axpy(alpha, gramX.apply(hRef), g);
        }
        double[] res = applyGram(gramXInverse, g);
        double sqNormG = dot(g, res);
        if (sqNormG == 0) {
            return new Result(h, 0, true);
        }
        // With G_X⁻¹ = I, res is g itself, which the steps below change: the direction needs its own array.
        double[] dir = res == g ? g.clone() : res;
        double[] gDir = plainX ? null : g.clone(); // G_X d
        double dirNorm = plainX ? dot(dir, dir) : dot(gDir, dir); // ⟨G_X d, d⟩, kept from the update of d to the next step
        double kappa = 1;
        // An operator that writes into given arrays (the parallel ones, and their derivatives) gets
        // the same arrays every step: no fresh result per step to allocate, zero and collect in
        // this JVM, while the workers wait.
        boolean reuse = t.evaluatesInto();
        double[] tDir = reuse && !plainY ? t.codomain().zeros() : null;
        double[] back = reuse ? xs.zeros() : null;
        // Each step visits every entry of the domain's vectors three times (and, unless the norm
        // in Y is plain, of the codomain's once): the updates and the inner products they feed
        // share their loops (a vector of MRI's joint domain is 4.5 MB: the step is bound by
        // memory, and this part runs in the caller while workers wait). The arithmetic and the
        // order of every sum are those of one loop per update and one per inner product.
        for (int k = 1; k <= options.maxIterations(); k++) {
            double step;
            if (plainY) {
                if (reuse) {
                    normal.applyInto(dir, back);
                } else {
                    back = normal.apply(dir);
                }
                double dNd = 0; // ⟨d, T*T d⟩
                double hNd = 0; // ⟨h, T*T d⟩
                for (int j = 0; j < back.length; j++) {
                    dNd += dir[j] * back[j];
                    hNd += h[j] * back[j];
                }
                double sqNormTDir = yWeight * dNd; // ‖T d‖², in Y's norm
                step = sqNormG / (sqNormTDir + alpha * dirNorm);
                sqNormTh += step * (2 * yWeight * hNd + step * sqNormTDir);
            } else {
                if (reuse) {
                    t.applyInto(dir, tDir);
                } else {
                    tDir = t.apply(dir);
                }
                double[] gtDir = gramY.apply(tDir);
                step = sqNormG / (dot(gtDir, tDir) + alpha * dirNorm);
                sqNormTh = addToImage(th, gth, step, tDir, gtDir);
                if (reuse) {
                    adjoint.applyInto(gtDir, back);
                } else {
                    back = adjoint.apply(gtDir);
                }
            }
            double sqNormH = 0;
            double sqNormOld = sqNormG;
            if (plainX) {
                sqNormG = 0;
                for (int j = 0; j < g.length; j++) {
                    h[j] += step * dir[j];
                    g[j] -= step * (backScale * back[j] + alpha * dir[j]);
                    sqNormH += h[j] * h[j];
                    sqNormG += g[j] * g[j];
                }
                res = g;
            } else {
                for (int j = 0; j < g.length; j++) {
                    h[j] += step * dir[j];
                    gh[j] += step * gDir[j];
                    g[j] -= step * (backScale * back[j] + alpha * gDir[j]);
                    sqNormH += h[j] * gh[j];
                }
                res = applyGram(gramXInverse, g);
                sqNormG = dot(g, res);
            }
            double beta = sqNormG / sqNormOld;
            kappa = 1 + beta * kappa;
            if (sqNormG == 0) {
                return new Result(h, k, true); // the normal equation is solved exactly
            }
            if (converged(options, sqNormG, kappa, alpha, sqNormH, sqNormTh, k)) {
                return new Result(h, k, true);
            }
            dirNorm = nextDirection(dir, gDir, res, g, beta);
        }
        LOG.debug("TikhonovCg reached its limit of {} steps (α = {})", options.maxIterations(), alpha);
        return new Result(h, options.maxIterations(), false);
    }

    /**
     * {@code T h += step · T d} and {@code G_Y T h += step · G_Y T d}.
     *
     * @return {@code ⟨T h, G_Y T h⟩} after the update
     */
    private static double addToImage(double[] th, double[] gth, double step, double[] tDir, double[] gtDir) {
        double sqNorm = 0;
        for (int j = 0; j < th.length; j++) {
            th[j] += step * tDir[j];
            gth[j] += step * gtDir[j];
            sqNorm += th[j] * gth[j];
        }
        return sqNorm;
    }

    /**
     * {@code d = res + β d}, and {@code G_X d = g + β G_X d} unless the norm is plain ({@code gDir
     * == null}, and then {@code res} is {@code g}).
     *
     * @return {@code ⟨G_X d, d⟩} after the update
     */
    private static double nextDirection(double[] dir, double[] gDir, double[] res, double[] g, double beta) {
        double sqNorm = 0;
        if (gDir == null) {
            for (int j = 0; j < dir.length; j++) {
                dir[j] = res[j] + beta * dir[j];
                sqNorm += dir[j] * dir[j];
            }
        } else {
            for (int j = 0; j < dir.length; j++) {
                dir[j] = res[j] + beta * dir[j];
                gDir[j] = g[j] + beta * gDir[j];
                sqNorm += gDir[j] * dir[j];
            }
        }
        return sqNorm;
    }

    private static boolean converged(Options o, double sqNormG, double kappa, double alpha, double sqNormH,
            double sqNormTh, int k) {
        boolean any = false;
        boolean all = true;
        if (!Double.isNaN(o.relativeTolerance())) {
            double v = Math.sqrt(sqNormG / sqNormH / kappa) / alpha;
            boolean ok = v < o.relativeTolerance() / (1 + o.relativeTolerance());
            any |= ok;
            all &= ok;
        }
        if (!Double.isNaN(o.relativeDataTolerance())) {
            double v = Math.sqrt(sqNormG / sqNormTh / kappa / alpha);
            boolean ok = v < o.relativeDataTolerance() / (1 + o.relativeDataTolerance());
            any |= ok;
            all &= ok;
        }
        if (!Double.isNaN(o.absoluteTolerance())) {
            double v = Math.sqrt(sqNormG / kappa) / alpha;
            boolean ok = v < o.absoluteTolerance();
            any |= ok;
            all &= ok;
        }
        boolean enabled = !Double.isNaN(o.relativeTolerance()) || !Double.isNaN(o.relativeDataTolerance())
                || !Double.isNaN(o.absoluteTolerance());
        boolean result = enabled && (o.allCriteria() ? all : any);
        if (result) {
            LOG.debug("TikhonovCg converged after {} steps (κ = {}, α = {})", k, kappa, alpha);
        }
        return result;
    }

    /**
     * @return {@code G x}: {@code x} itself when {@code G} is the identity (plain norms), since
     *     every caller only reads the result; else a fresh array
     */
    private static double[] applyGram(Operator gram, double[] x) {
        return gram instanceof Identity ? x : gram.apply(x);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /**
     * @return {@code c} when {@code gram} is {@code c I}: 1 for the {@link Identity}, the common
     *     weight of a {@link DiagonalGram} with equal weights; else {@code NaN}
     */
    private static double multipleOfIdentity(Operator gram) {
        if (gram instanceof Identity) {
            return 1;
        }
        if (gram instanceof DiagonalGram d) {
            return d.uniformWeight().orElse(Double.NaN);
        }
        return Double.NaN;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int k = 0; k < x.length; k++) {
            y[k] += a * x[k];
        }
    }
}
