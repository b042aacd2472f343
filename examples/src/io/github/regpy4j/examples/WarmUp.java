package io.github.regpy4j.examples;

import io.github.regpy4j.operators.Operator;

/**
 * The examples' warm-up before a solver's clock starts: linearize at given points and apply each
 * derivative's normal operator, the calls an IRGNM-CG step makes ({@code T*T d} in every CG step;
 * its one adjoint, for the right-hand side, runs the same code in a worker as the second half of
 * the normal operator). A round costs what a linearization, a derivative and an adjoint cost, as
 * the rounds before the normal operator did. A worker JVM starts cold and
 * compiles its loops on first use, each worker on its own; the same calls in one JVM warm it
 * alike, so a sequential and a parallel solver start their clocks in the same state.
 */
public final class WarmUp {

    private WarmUp() {}

    /**
     * For each of {@code rounds} rounds and each point in turn: {@code forward.linearize(point)},
     * then the derivative's normal operator applied to {@code h}. No state of
     * these calls survives the next linearization, and the results are not used.
     *
     * @param forward the operator to warm up
     * @param rounds how many rounds, ≥ 0 (0 does nothing)
     * @param h an element of the domain, the normal operator's argument. Not modified.
     * @param points where to linearize, elements of the domain. Not modified.
     * @throws IllegalArgumentException if {@code rounds} is negative, or a vector does not fit
     *     the operator (from the operator, naming it)
     */
    public static void run(Operator forward, int rounds, double[] h, double[]... points) {
        requireRounds(rounds);
        for (int r = 0; r < rounds; r++) {
            for (double[] at : points) {
                Operator derivative = forward.linearize(at).derivative();
                derivative.normal().apply(h);
            }
        }
    }

    /**
     * Checks a number of warm-up rounds, so that a caller can refuse it before it starts any worker.
     *
     * @param rounds how many rounds
     * @throws IllegalArgumentException if {@code rounds} is negative
     */
    public static void requireRounds(int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("warm-up rounds must be at least 0, found " + rounds);
        }
    }
}
