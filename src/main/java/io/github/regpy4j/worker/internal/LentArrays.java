package io.github.regpy4j.worker.internal;

/**
 * The argument and result arrays a worker lends, call after call, to an operator that {@link
 * io.github.regpy4j.operators.Operator#evaluatesInto() evaluates into} a given array: one pair
 * for the forward direction ({@code eval_nodiff}, {@code deriv}) and one for the adjoint, since
 * their lengths differ; {@code normal} maps the domain to itself, and takes the forward argument
 * and the adjoint result. For vectors of a megabyte and more, allocating, zeroing and collecting a
 * fresh pair on every call cost the worker more than the transfer (1e6 doubles to 4 workers and
 * back: the workers' CPU per call 22 → 14 ms, BENCHMARKS.md). Used by the worker thread only.
 */
final class LentArrays {

    private double[] forwardArgument;
    private double[] forwardResult;
    private double[] adjointArgument;
    private double[] adjointResult;

    /** @return an array of {@code length} for the argument of {@code command}; its contents are stale */
    double[] argument(Command command, int length) {
        if (command == Command.ADJOINT) { // normal's argument is in the domain, as the forward one
            adjointArgument = fit(adjointArgument, length);
            return adjointArgument;
        }
        forwardArgument = fit(forwardArgument, length);
        return forwardArgument;
    }

    /** @return an array of {@code length} for the result of {@code command}; its contents are stale */
    double[] result(Command command, int length) {
        if (command.answersInDomain()) {
            adjointResult = fit(adjointResult, length);
            return adjointResult;
        }
        forwardResult = fit(forwardResult, length);
        return forwardResult;
    }

    /** Lets the arrays go, e.g. when the worker is reset for another operator. */
    void clear() {
        forwardArgument = null;
        forwardResult = null;
        adjointArgument = null;
        adjointResult = null;
    }

    private static double[] fit(double[] current, int length) {
        return current != null && current.length == length ? current : new double[length];
    }
}
