package io.github.regpy4j.solvers;

/**
 * What an iterative solver knows after an iteration: the iterate, its image and the numbers a
 * stop rule or a progress line needs.
 *
 * <p>The arrays belong to the solver, which never modifies them after publishing them (every
 * iteration makes fresh ones): read them, copy them, do not modify them.
 *
 * @param iteration the number of iterations done; 0 for the initial guess
 * @param x the iterate {@code xₙ}
 * @param y its image {@code F(xₙ)}
 * @param residualNorm {@code ‖F(xₙ) − y^δ‖} in the data-fidelity norm of the solver's {@link
 *     RegularizationSetting}: the plain norm of the codomain unless a setting was given
 * @param regularizationParameter the regularization parameter {@code αₙ} this iterate was computed
 *     with ({@code NaN} for the initial guess and for methods without one, such as Landweber)
 * @param innerIterations the inner iterations this iteration took (CG steps of IRGNM; 0 otherwise)
 */
@SuppressWarnings("ArrayRecordComponent") // iterates handed to the caller without a copy each step; never compared
public record IterationState(
        int iteration,
        double[] x,
        double[] y,
        double residualNorm,
        double regularizationParameter,
        int innerIterations) {

    /** @return e.g. {@code IterationState[iteration=3, residual=1.2e-01, alpha=5.1e+00, inner=12]} */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "IterationState[iteration=%d, residual=%.3e, alpha=%.3e, inner=%d]",
                iteration, residualNorm, regularizationParameter, innerIterations);
    }
}
