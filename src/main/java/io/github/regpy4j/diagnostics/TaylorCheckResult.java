package io.github.regpy4j.diagnostics;

/**
 * The figures of one {@link TaylorCheck}. The array components are copied in and out;
 * {@code equals} compares them by reference, as records do.
 *
 * @param operator the operator tested, as its {@code toString}
 * @param steps the steps {@code t}, decreasing
 * @param remainders {@code r(t) = ‖F(x + t h) − F(x) − t·F'(x) h‖} for each step
 * @param noiseFloors the round-off floor for each step
 * @param orders the order between step {@code k} and {@code k + 1}, {@code NaN} where either
 *     remainder is at round-off level; one fewer than the steps
 * @param observedOrder the median of the measured orders, {@code NaN} when there is none
 * @param passed the verdict
 * @param verdict why, in words
 */
@SuppressWarnings("ArrayRecordComponent") // arrays copied in and out; reference equals documented above
public record TaylorCheckResult(String operator, double[] steps, double[] remainders, double[] noiseFloors,
        double[] orders, double observedOrder, boolean passed, String verdict) {

    /**
     * Copies the arrays.
     *
     * @param operator the operator tested, as its {@code toString}
     * @param steps the steps {@code t}, decreasing. Not modified (copied).
     * @param remainders the remainder for each step. Not modified (copied).
     * @param noiseFloors the round-off floor for each step. Not modified (copied).
     * @param orders the order between neighbouring steps. Not modified (copied).
     * @param observedOrder the median of the measured orders
     * @param passed the verdict
     * @param verdict why, in words
     */
    public TaylorCheckResult {
        steps = steps.clone();
        remainders = remainders.clone();
        noiseFloors = noiseFloors.clone();
        orders = orders.clone();
    }

    /** @return a copy of the steps */
    @Override
    public double[] steps() {
        return steps.clone();
    }

    /** @return a copy of the remainders */
    @Override
    public double[] remainders() {
        return remainders.clone();
    }

    /** @return a copy of the round-off floors */
    @Override
    public double[] noiseFloors() {
        return noiseFloors.clone();
    }

    /** @return a copy of the orders between neighbouring steps */
    @Override
    public double[] orders() {
        return orders.clone();
    }

    /** @return the verdict and one row per step: t, remainder, round-off floor, order to the next step */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Taylor check of ").append(operator).append(": ")
                .append(Checks.verdict(passed)).append(" (").append(verdict).append(")\n")
                .append("         t   remainder   round-off   order\n");
        for (int k = 0; k < steps.length; k++) {
            s.append(String.format(java.util.Locale.ROOT, "  %8.0e   %9.2e   %9.2e   %s%n", steps[k], remainders[k],
                    noiseFloors[k], k < orders.length && !Double.isNaN(orders[k])
                            ? String.format(java.util.Locale.ROOT, "%5.2f", orders[k]) : "    -"));
        }
        return s.append("  observed order ").append(Double.isNaN(observedOrder) ? "-"
                : String.format(java.util.Locale.ROOT, "%.2f", observedOrder)).toString();
    }
}
