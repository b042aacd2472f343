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
 * <p>In the Hilbert spaces of a {@link RegularizationSetting} the adjoint is the one for their
 * inner products, {@code F'(xₙ)^# = G_X⁻¹ F'(xₙ)* G_Y}, as in regpy, and the residual is
 * measured in the data-fidelity norm.
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
        this(RegularizationSetting.euclidean(requireOperator(operator)), data, init, stepSize, backtracking);
    }

    /**
     * Landweber in the Hilbert spaces of a setting (regpy's {@code Landweber(setting, …)}):
     * {@code xₙ₊₁ = xₙ − μ G_X⁻¹ F'(xₙ)* G_Y (F(xₙ) − y^δ)}, residuals in the data-fidelity norm.
     *
     * @param setting {@code F} with its penalty and data-fidelity spaces
     * @param data {@code y^δ}. Not modified (copied).
     * @param init {@code x₀}. Not modified (copied).
     * @param stepSize {@code μ > 0}; {@link #estimateStepSize(RegularizationSetting, double[], int)} gives one
     * @param backtracking whether to halve {@code μ} until a step decreases the residual
     */
    public Landweber(RegularizationSetting setting, double[] data, double[] init, double stepSize,
            boolean backtracking) {
        super(setting, data);
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

    private static Operator requireOperator(Operator operator) {
        if (operator == null) {
            throw new NullPointerException("the operator of a solver is null");
        }
        return operator;
    }

    /**
     * {@code 0.9/‖F'(x)‖²} between the Hilbert spaces of a setting: {@code ‖F'(x)‖²} is the
     * largest eigenvalue of {@code F'(x)^# F'(x)}, {@code ^#} the adjoint for the two Gram
     * operators, estimated by power iteration in the penalty inner product from
     * {@code G_X⁻¹ 1} (deterministic). In plain norms this is {@link #estimateStepSize(Operator,
     * double[], int)}.
     *
     * @param setting {@code F} with its spaces
     * @param x the point. Not modified.
     * @param iterations power iterations, ≥ 1
     * @return the step size
     */
    public static double estimateStepSize(RegularizationSetting setting, double[] x, int iterations) {
        if (setting.isEuclidean()) {
            return estimateStepSize(setting.operator(), x, iterations);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("estimateStepSize needs ≥ 1 power iteration but got " + iterations);
        }
        Operator operator = setting.operator();
        Operator d = operator.linearize(x).derivative();
        Operator dSharp = setting.withOperator(d).hilbertAdjoint(d);
        double[] v = setting.penalty().gramInverse().apply(operator.domain().ones());
        double lambda = 0;
        for (int i = 0; i < iterations; i++) {
            double n = setting.penalty().norm(v);
            if (n == 0) {
                break;
            }
            for (int k = 0; k < v.length; k++) {
                v[k] /= n;
            }
            double[] w = dSharp.apply(d.apply(v));
            lambda = setting.penalty().inner(v, w);
            v = w;
        }
        if (!(lambda > 0)) {
            throw new IllegalStateException("the derivative of " + operator + " looks like zero at x: ‖F'(x)‖² ≈ "
                    + lambda + "; give a step size instead");
        }
        return 0.9 / lambda;
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
        // G_X⁻¹ F'* G_Y (F(x) − y^δ): the gradient in the penalty inner product
        double[] gradient = setting.penalty().gramInverse().apply(
                derivative.adjoint().apply(setting.dataFidelity().gram().apply(residual)));
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
}
