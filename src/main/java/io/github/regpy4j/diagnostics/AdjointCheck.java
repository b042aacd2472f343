package io.github.regpy4j.diagnostics;

import io.github.regpy4j.operators.Operator;
import java.util.Random;

/**
 * The scale-invariant adjoint test of a linear operator {@code F: X → Y}: for random {@code x ∈
 * X}, {@code y ∈ Y},
 *
 * <pre>
 *   |⟨F x, y⟩ − ⟨x, F* y⟩| / (‖F x‖·‖y‖ + ‖x‖·‖F* y‖)  ≤  tol
 * </pre>
 *
 * <p>with the real inner products of {@code Y} and {@code X}. The ratio does not change when
 * {@code F}, {@code x} or {@code y} is scaled, so one tolerance fits every operator; rounding
 * makes it a small multiple of the machine epsilon for a correct adjoint. Port of ODL's {@code
 * OperatorTest.adjoint} idea and regpy's {@code test_adjoint}.
 */
public final class AdjointCheck {

    /** The default tolerance, {@value}: a correct adjoint in double precision stays far below it. */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    private static final String NAME = "the adjoint check";

    private AdjointCheck() {}

    /**
     * Runs the test at standard normal {@code x} and {@code y} with {@link #DEFAULT_TOLERANCE}.
     *
     * @param op a linear operator
     * @param rng the source of {@code x} and {@code y}. Modified (advanced).
     * @return the figures and the verdict
     * @throws IllegalArgumentException if {@code op} is null or nonlinear, or {@code rng} is null
     */
    public static AdjointCheckResult run(Operator op, Random rng) {
        return run(op, rng, DEFAULT_TOLERANCE);
    }

    /**
     * Runs the test at standard normal {@code x} and {@code y}.
     *
     * @param op a linear operator
     * @param rng the source of {@code x} and {@code y}. Modified (advanced).
     * @param tolerance the largest relative error that passes, finite and ≥ 0
     * @return the figures and the verdict
     * @throws IllegalArgumentException if {@code op} is null or nonlinear, {@code rng} is null, or
     *     the tolerance is not finite and ≥ 0
     */
    public static AdjointCheckResult run(Operator op, Random rng, double tolerance) {
        requireLinear(op);
        Checks.requireRandom(rng, NAME);
        double[] x = op.domain().randn(rng);
        double[] y = op.codomain().randn(rng);
        return run(op, x, y, tolerance);
    }

    /**
     * Runs the test at given {@code x} and {@code y}.
     *
     * @param op a linear operator
     * @param x an element of the domain. Not modified.
     * @param y an element of the codomain. Not modified.
     * @param tolerance the largest relative error that passes, finite and ≥ 0
     * @return the figures and the verdict
     * @throws IllegalArgumentException if {@code op} is null or nonlinear, {@code x} or {@code y}
     *     is not an element of its space, or the tolerance is not finite and ≥ 0
     */
    public static AdjointCheckResult run(Operator op, double[] x, double[] y, double tolerance) {
        requireLinear(op);
        Checks.requireTolerance(tolerance, NAME);
        op.domain().requireElement(x, "x of the adjoint check of " + op);
        op.codomain().requireElement(y, "y of the adjoint check of " + op);
        double[] fx = op.apply(x);
        double[] fty = op.adjoint().apply(y);
        double forward = op.codomain().vdot(fx, y);
        double backward = op.domain().vdot(x, fty);
        double scale = op.codomain().norm(fx) * op.codomain().norm(y) + op.domain().norm(x) * op.domain().norm(fty);
        double error = Checks.relative(Math.abs(forward - backward), scale);
        return new AdjointCheckResult(op.toString(), forward, backward, scale, error, tolerance);
    }

    /**
     * Runs the test on the derivative {@code F'(x)} of a (possibly nonlinear) operator: linearizes
     * {@code op} at {@code point}, then tests the derivative at standard normal {@code h}, {@code y}.
     *
     * @param op any operator. Linearized at {@code point}, which revokes earlier derivatives.
     * @param point where to linearize. Not modified.
     * @param rng the source of the test vectors. Modified (advanced).
     * @param tolerance the largest relative error that passes, finite and ≥ 0
     * @return the figures and the verdict; its operator names the derivative
     * @throws IllegalArgumentException if an argument is null or {@code point} is not in the domain
     */
    public static AdjointCheckResult ofDerivative(Operator op, double[] point, Random rng, double tolerance) {
        Checks.requireOperator(op, NAME);
        Checks.requireRandom(rng, NAME);
        Operator derivative = op.linearize(point).derivative();
        return run(derivative, rng, tolerance);
    }

    private static void requireLinear(Operator op) {
        Checks.requireOperator(op, NAME);
        if (!op.isLinear()) {
            throw new IllegalArgumentException(NAME + " needs a linear operator but " + op
                    + " is nonlinear; test the adjoint of its derivative with AdjointCheck.ofDerivative");
        }
    }
}
