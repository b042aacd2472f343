package io.github.regpy4j.solvers;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Landweber method: gradient descent on {@code ½‖F(x) − y^δ‖²}. Port of regpy's
 * {@code Landweber} ({@code regpy.solvers.nonlinear.landweber}; for a linear {@code F} it is
 * regpy's linear Landweber):
 *
 * <pre>
 *   xₙ₊₁ = xₙ − μ F'(xₙ)* (F(xₙ) − y^δ)
 * </pre>
 *
 * <p>The iteration count is the regularization parameter; stop with {@link Discrepancy}. For
 * convergence {@code μ ≤ 1/‖F'‖²}; {@link #estimateStepSize} gives {@code 0.9/‖F'(x)‖²}. With
 * backtracking (regpy's default) a step that does not decrease the residual is retried with half
 * the step size.
 */
public final class Landweber extends IterativeSolver {

    private static final Logger LOG = LoggerFactory.getLogger(Landweber.class);
    private static final int MAX_HALVINGS = 60;

    private final boolean backtracking;
    private double stepSize;
    private Operator derivative;

    /**
     * @param operator {@code F}
     * @param data {@code y^δ}. Not modified (copied).
     * @param init {@code x₀}. Not modified (copied).
     * @param stepSize {@code μ > 0}
     * @param backtracking whether to halve {@code μ} until a step decreases the residual
     */
    public Landweber(Operator operator, double[] data, double[] init, double stepSize, boolean backtracking) {
        super(operator, data);
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("Landweber needs a step size μ > 0 but got " + stepSize);
        }
        this.stepSize = stepSize;
        this.backtracking = backtracking;
        double[] x0 = operator.domain().requireElement(init, "initial guess of Landweber for " + operator).clone();
        Linearization lin = operator.linearize(x0);
        this.derivative = lin.derivative();
        start(x0, lin.value());
    }

    /**
     * {@code 0.9/‖F'(x)‖²}, with {@code ‖F'(x)‖²} the largest eigenvalue of {@code F'(x)*F'(x)}
     * estimated by power iteration from the all-ones vector (deterministic).
     *
     * @param operator {@code F}
     * @param x the point. Not modified.
     * @param iterations power iterations, ≥ 1 (20 is plenty for a step size)
     * @return the step size
     */
    public static double estimateStepSize(Operator operator, double[] x, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("estimateStepSize needs ≥ 1 power iteration but got " + iterations);
        }
        Operator d = operator.linearize(x).derivative();
        Operator dAdjoint = d.adjoint();
        double[] v = operator.domain().ones();
        double lambda = 0;
        for (int i = 0; i < iterations; i++) {
            double n = operator.domain().norm(v);
            if (n == 0) {
                break;
            }
            for (int k = 0; k < v.length; k++) {
                v[k] /= n;
            }
            double[] w = dAdjoint.apply(d.apply(v));
            lambda = operator.domain().vdot(v, w);
            v = w;
        }
        if (!(lambda > 0)) {
            throw new IllegalStateException("the derivative of " + operator + " looks like zero at x: ‖F'(x)‖² ≈ "
                    + lambda + "; give a step size instead");
        }
        return 0.9 / lambda;
    }

    /** @return the current step size {@code μ} (smaller than the initial one after backtracking) */
    public double stepSize() {
        return stepSize;
    }

    @Override
    protected IterationState step(IterationState current) {
        double[] residual = current.y().clone();
        for (int k = 0; k < residual.length; k++) {
            residual[k] -= data[k];
        }
        double[] gradient = derivative.adjoint().apply(residual);
        double[] next = move(current.x(), gradient, stepSize);
        if (backtracking) {
            int halvings = 0;
            while (residualNorm(operator.apply(next)) >= current.residualNorm() && halvings < MAX_HALVINGS) {
                stepSize /= 2;
                halvings++;
                next = move(current.x(), gradient, stepSize);
            }
            if (halvings > 0) {
                LOG.debug("Landweber halved its step size {} times to {}", halvings, stepSize);
            }
        }
        Linearization lin = operator.linearize(next);
        derivative = lin.derivative();
        return newState(current.iteration() + 1, next, lin.value(), Double.NaN, 0);
    }

    private static double[] move(double[] x, double[] gradient, double mu) {
        double[] next = x.clone();
        for (int k = 0; k < next.length; k++) {
            next[k] -= mu * gradient[k];
        }
        return next;
    }

    private double residualNorm(double[] y) {
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            double d = y[k] - data[k];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
