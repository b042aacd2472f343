package io.github.regpy4j.diagnostics;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Random;

/**
 * The linearity test of an operator {@code F: X → Y}: for random {@code x, y ∈ X} and scalars
 * {@code a, b},
 *
 * <pre>
 *   ‖F(a x + b y) − a F(x) − b F(y)‖ / (‖F(a x + b y)‖ + |a|·‖F(x)‖ + |b|·‖F(y)‖)  ≤  tol
 * </pre>
 *
 * <p>Scale-invariant like the adjoint test. It catches an operator that calls itself linear but
 * is affine ({@code F(0) ≠ 0}) or nonlinear. It only evaluates {@code F}, so it runs on any
 * operator. Port of regpy's {@code test_linearity}, which compares {@code op(x + y)} with {@code
 * op(x) + op(y)} and {@code r·op(x)} with {@code op(r·x)} against an absolute tolerance; this
 * one is relative, so it does not depend on the operator's scale.
 */
public final class LinearityCheck {

    /** The default tolerance, {@value}. */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    private static final String NAME = "the linearity check";

    private LinearityCheck() {}

    /**
     * Runs the test at standard normal {@code x}, {@code y}, {@code a}, {@code b} with {@link
     * #DEFAULT_TOLERANCE}.
     *
     * @param op the operator. Evaluated three times, which revokes earlier derivatives.
     * @param rng the source of {@code x}, {@code y}, {@code a}, {@code b}. Modified (advanced).
     * @return the figures and the verdict
     * @throws IllegalArgumentException if an argument is null
     */
    public static LinearityCheckResult run(Operator op, Random rng) {
        return run(op, rng, DEFAULT_TOLERANCE);
    }

    /**
     * Runs the test at standard normal {@code x}, {@code y}, {@code a}, {@code b}.
     *
     * @param op the operator. Evaluated three times, which revokes earlier derivatives.
     * @param rng the source of {@code x}, {@code y}, {@code a}, {@code b}. Modified (advanced).
     * @param tolerance the largest relative error that passes, finite and ≥ 0
     * @return the figures and the verdict
     * @throws IllegalArgumentException if an argument is null or the tolerance is not finite and ≥ 0
     */
    public static LinearityCheckResult run(Operator op, Random rng, double tolerance) {
        Checks.requireOperator(op, NAME);
        Checks.requireRandom(rng, NAME);
        double[] x = op.domain().randn(rng);
        double[] y = op.domain().randn(rng);
        double a = rng.nextGaussian();
        double b = rng.nextGaussian();
        return run(op, x, y, a, b, tolerance);
    }

    /**
     * Runs the test at given points and scalars.
     *
     * @param op the operator. Evaluated three times, which revokes earlier derivatives.
     * @param x an element of the domain. Not modified.
     * @param y an element of the domain. Not modified.
     * @param a the factor of {@code x}, finite
     * @param b the factor of {@code y}, finite
     * @param tolerance the largest relative error that passes, finite and ≥ 0
     * @return the figures and the verdict
     * @throws IllegalArgumentException if an argument is null or out of its space or range
     */
    public static LinearityCheckResult run(Operator op, double[] x, double[] y, double a, double b, double tolerance) {
        Checks.requireOperator(op, NAME);
        Checks.requireTolerance(tolerance, NAME);
        Checks.requireScalar(a, "a", NAME);
        Checks.requireScalar(b, "b", NAME);
        VectorSpace dom = op.domain();
        dom.requireElement(x, "x of the linearity check of " + op);
        dom.requireElement(y, "y of the linearity check of " + op);
        double[] combination = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            combination[k] = a * x[k] + b * y[k];
        }
        double[] fc = op.apply(combination);
        double[] fx = op.apply(x);
        double[] fy = op.apply(y);
        double[] defect = new double[fc.length];
        for (int k = 0; k < fc.length; k++) {
            defect[k] = fc[k] - a * fx[k] - b * fy[k];
        }
        VectorSpace cod = op.codomain();
        double scale = cod.norm(fc) + Math.abs(a) * cod.norm(fx) + Math.abs(b) * cod.norm(fy);
        double d = cod.norm(defect);
        return new LinearityCheckResult(op.toString(), a, b, d, scale, Checks.relative(d, scale), tolerance);
    }
}
