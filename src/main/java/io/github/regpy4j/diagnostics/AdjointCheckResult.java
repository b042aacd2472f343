package io.github.regpy4j.diagnostics;

/**
 * The figures of one {@link AdjointCheck}.
 *
 * @param operator the operator tested, as its {@code toString}
 * @param forward {@code ⟨F x, y⟩}
 * @param backward {@code ⟨x, F* y⟩}
 * @param scale {@code ‖F x‖·‖y‖ + ‖x‖·‖F* y‖}
 * @param relativeError {@code |forward − backward| / scale} (0 when both are equal, {@code NaN}
 *     when a figure is)
 * @param tolerance the largest relative error that passes
 */
public record AdjointCheckResult(String operator, double forward, double backward, double scale,
        double relativeError, double tolerance) {

    /** @return whether the relative error is at most the tolerance (false when it is {@code NaN}) */
    public boolean passed() {
        return relativeError <= tolerance;
    }

    /** @return the verdict and the figures as a small table */
    @Override
    public String toString() {
        return "adjoint check of " + operator + ": " + Checks.verdict(passed()) + "\n"
                + "  <F x, y>                        " + Checks.num(forward) + "\n"
                + "  <x, F* y>                       " + Checks.num(backward) + "\n"
                + "  |F x| |y| + |x| |F* y|          " + Checks.num(scale) + "\n"
                + "  relative error                  " + Checks.shortNum(relativeError)
                + (passed() ? " <= " : " >  ") + "tolerance " + Checks.shortNum(tolerance);
    }
}
