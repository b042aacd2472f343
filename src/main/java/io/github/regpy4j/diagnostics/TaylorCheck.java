package io.github.regpy4j.diagnostics;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
import java.util.Random;

/**
 * The Taylor test of the derivative of an operator {@code F: X → Y} at a point {@code x} in a
 * direction {@code h}: the remainder
 *
 * <pre>
 *   r(t) = ‖F(x + t h) − F(x) − t·F'(x) h‖
 * </pre>
 *
 * <p>of a correct derivative shrinks like {@code t²} (for a twice differentiable {@code F}), that
 * of a wrong one only like {@code t}. The test takes {@code t = 10⁻¹, 10⁻², …, 10⁻⁷} and judges
 * the observed order robustly:
 *
 * <ul>
 *   <li>Each {@code r(t)} is compared with a round-off floor, {@code δ·(‖F(x)‖ + ‖F(x + t h)‖ +
 *       t‖F'(x)h‖ + ‖F'(x)h‖·‖x‖/‖h‖)}, where {@code δ} is the relative accuracy of the operator's
 *       evaluation: {@link #DEFAULT_RELATIVE_ACCURACY} ({@value #NOISE_FACTOR}·ε, ε the machine
 *       epsilon) for operators exact to rounding, larger for operators that solve to a tolerance
 *       (pass it to {@link #run(Operator, double[], double[], double)}). A remainder is
 *       <em>usable</em> when it exceeds the floor {@value #SIGNAL_MARGIN} times. Below that,
 *       rounding, not the derivative, decides {@code r(t)}.
 *   <li>Between neighbouring usable steps the order is {@code log(r(tₖ)/r(tₖ₊₁)) /
 *       log(tₖ/tₖ₊₁)}. The observed order is their median.
 *   <li>It passes when no remainder is usable (the derivative is exact to rounding, as for linear
 *       or quadratic-free maps), or when the observed order is at least {@value #MINIMUM_ORDER}
 *       and every order after the first (which may be pre-asymptotic) is at least {@value
 *       #MINIMUM_TAIL_ORDER}, so that a small first-order error that shows only at small
 *       {@code t} is caught. A non-finite figure fails.
 * </ul>
 *
 * <p>Port of regpy's {@code test_derivative} with ODL's robust verdict in mind.
 */
public final class TaylorCheck {

    /** The median order that passes, {@value}: a correct derivative gives 2 (or more). */
    public static final double MINIMUM_ORDER = 1.75;

    /** The order every usable step but the first must reach, {@value}: a first-order error gives 1. */
    public static final double MINIMUM_TAIL_ORDER = 1.5;

    /** Multiplies the machine epsilon in the round-off floor, {@value}. */
    public static final double NOISE_FACTOR = 64;

    /** How far a remainder must exceed the round-off floor to be usable, {@value}. */
    public static final double SIGNAL_MARGIN = 10;

    /**
     * The relative accuracy assumed of an evaluation unless told otherwise, {@code NOISE_FACTOR·ε}
     * ≈ 1.4·10⁻¹⁴.
     */
    public static final double DEFAULT_RELATIVE_ACCURACY = NOISE_FACTOR * Math.ulp(1.0);

    private static final double[] STEPS = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7};
    private static final String NAME = "the Taylor check";

    private TaylorCheck() {}

    /** @return the steps {@code t = 10⁻¹ … 10⁻⁷}, a fresh array */
    public static double[] steps() {
        return STEPS.clone();
    }

    /**
     * Runs the test at {@code x} in a standard normal direction. For operators that need their
     * argument in a region (e.g. positive), pass a suitably scaled direction to {@link
     * #run(Operator, double[], double[])}.
     *
     * @param op the operator. Linearized and evaluated, which revokes earlier derivatives.
     * @param x the point. Not modified.
     * @param rng the source of the direction. Modified (advanced).
     * @return the figures and the verdict
     * @throws IllegalArgumentException if an argument is null or {@code x} is not in the domain
     */
    public static TaylorCheckResult run(Operator op, double[] x, Random rng) {
        Checks.requireOperator(op, NAME);
        Checks.requireRandom(rng, NAME);
        return run(op, x, op.domain().randn(rng));
    }

    /**
     * Runs the test at {@code x} in direction {@code h}, for an operator exact to rounding.
     *
     * @param op the operator. Linearized and evaluated, which revokes earlier derivatives.
     * @param x the point. Not modified.
     * @param h the direction, not zero. Not modified.
     * @return the figures and the verdict
     * @throws IllegalArgumentException if an argument is null, not in the domain, or {@code h} is 0
     */
    public static TaylorCheckResult run(Operator op, double[] x, double[] h) {
        return run(op, x, h, DEFAULT_RELATIVE_ACCURACY);
    }

    /**
     * Runs the test at {@code x} in direction {@code h}, for an operator whose evaluation is
     * accurate to {@code relativeAccuracy} (e.g. the tolerance of a solver inside it).
     *
     * @param op the operator. Linearized and evaluated, which revokes earlier derivatives.
     * @param x the point. Not modified.
     * @param h the direction, not zero. Not modified.
     * @param relativeAccuracy {@code δ}, the relative error of one evaluation, in {@code [ε, 1)}
     * @return the figures and the verdict
     * @throws IllegalArgumentException if an argument is null, not in the domain or its range, or
     *     {@code h} is 0
     */
    public static TaylorCheckResult run(Operator op, double[] x, double[] h, double relativeAccuracy) {
        if (!(relativeAccuracy >= Math.ulp(1.0) && relativeAccuracy < 1)) {
            throw new IllegalArgumentException(NAME + " needs a relative accuracy in [" + Math.ulp(1.0) + ", 1) but got "
                    + relativeAccuracy + " (operator " + op + ")");
        }
        Checks.requireOperator(op, NAME);
        VectorSpace dom = op.domain();
        VectorSpace cod = op.codomain();
        dom.requireElement(x, "x of the Taylor check of " + op);
        dom.requireElement(h, "direction h of the Taylor check of " + op);
        double normH = dom.norm(h);
        if (!(normH > 0)) {
            throw new IllegalArgumentException(NAME + " needs a nonzero finite direction h but ‖h‖ = " + normH
                    + " (operator " + op + ")");
        }
        Linearization lin = op.linearize(x);
        double[] fx = lin.value();
        // Apply the derivative before evaluating again: evaluating revokes it.
        double[] dh = lin.derivative().apply(h);
        double normFx = cod.norm(fx);
        double normDh = cod.norm(dh);
        double normX = dom.norm(x);

        int n = STEPS.length;
        double[] remainders = new double[n];
        double[] floors = new double[n];
        boolean finite = Double.isFinite(normFx) && Double.isFinite(normDh);
        for (int s = 0; s < n; s++) {
            double t = STEPS[s];
            double[] xt = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                xt[k] = x[k] + t * h[k];
            }
            double[] ft = op.apply(xt);
            double[] r = new double[ft.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = ft[k] - fx[k] - t * dh[k];
            }
            remainders[s] = cod.norm(r);
            floors[s] = relativeAccuracy * (normFx + cod.norm(ft) + t * normDh + normDh * normX / normH);
            finite &= Double.isFinite(remainders[s]) && Double.isFinite(floors[s]);
        }
        return judge(op.toString(), remainders, floors, finite);
    }

    private static TaylorCheckResult judge(String operator, double[] remainders, double[] floors, boolean finite) {
        int n = STEPS.length;
        boolean[] usable = new boolean[n];
        int usableCount = 0;
        for (int s = 0; s < n; s++) {
            usable[s] = remainders[s] > SIGNAL_MARGIN * floors[s];
            usableCount += usable[s] ? 1 : 0;
        }
        double[] orders = new double[n - 1];
        Arrays.fill(orders, Double.NaN);
        double[] found = new double[n - 1];
        int count = 0;
        double tailMinimum = Double.POSITIVE_INFINITY;
        for (int s = 0; s + 1 < n; s++) {
            if (usable[s] && usable[s + 1]) {
                orders[s] = Math.log(remainders[s] / remainders[s + 1]) / Math.log(STEPS[s] / STEPS[s + 1]);
                found[count++] = orders[s];
                if (count > 1) {
                    tailMinimum = Math.min(tailMinimum, orders[s]);
                }
            }
        }
        double observed = count == 0 ? Double.NaN : median(Arrays.copyOf(found, count));
        boolean passed;
        String verdict;
        if (!finite) {
            passed = false;
            verdict = "a value, derivative or remainder is not finite";
        } else if (usableCount == 0) {
            passed = true;
            verdict = "the remainder stays at round-off level at every step: the derivative is exact to rounding";
        } else if (count == 0) {
            passed = true;
            verdict = "the remainder drops to round-off level after one step: too small to measure an order";
        } else if (observed < MINIMUM_ORDER) {
            passed = false;
            verdict = "the remainder shrinks like t^" + Checks.order(observed) + ", not t^2: the derivative is wrong";
        } else if (tailMinimum < MINIMUM_TAIL_ORDER) {
            passed = false;
            verdict = "the remainder shrinks like t^2 at first but only like t^" + Checks.order(tailMinimum)
                    + " at smaller t: the derivative has a small error";
        } else {
            passed = true;
            verdict = "the remainder shrinks like t^" + Checks.order(observed) + " as it should";
        }
        return new TaylorCheckResult(operator, STEPS.clone(), remainders, floors, orders, observed, passed, verdict);
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }
}
