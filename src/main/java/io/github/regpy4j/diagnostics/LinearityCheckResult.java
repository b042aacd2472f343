package io.github.regpy4j.diagnostics;

/**
 * The figures of one {@link LinearityCheck}.
 *
 * @param operator the operator tested, as its {@code toString}
 * @param a the factor of {@code x}
 * @param b the factor of {@code y}
 * @param defect {@code ‖F(a x + b y) − a F(x) − b F(y)‖}
 * @param scale {@code ‖F(a x + b y)‖ + |a|·‖F(x)‖ + |b|·‖F(y)‖}
 * @param relativeError {@code defect / scale} (0 when the defect is 0, {@code NaN} when a figure is)
 * @param tolerance the largest relative error that passes
 */
public record LinearityCheckResult(String operator, double a, double b, double defect, double scale,
        double relativeError, double tolerance) {

    /** @return whether the relative error is at most the tolerance (false when it is {@code NaN}) */
    public boolean passed() {
        return relativeError <= tolerance;
    }

    /** @return the verdict and the figures as a small table */
    @Override
    public String toString() {
        return "linearity check of " + operator + ": " + Checks.verdict(passed()) + "\n"
                + "  a, b                                  " + Checks.num(a) + ", " + Checks.num(b) + "\n"
                + "  |F(a x + b y) - a F(x) - b F(y)|      " + Checks.num(defect) + "\n"
                + "  |F(a x + b y)| + |a| |F x| + |b| |F y|  " + Checks.num(scale) + "\n"
                + "  relative error                        " + Checks.shortNum(relativeError)
                + (passed() ? " <= " : " >  ") + "tolerance " + Checks.shortNum(tolerance);
    }
}
