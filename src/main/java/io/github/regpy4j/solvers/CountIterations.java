package io.github.regpy4j.solvers;

/**
 * Stops after a fixed number of iterations. Port of regpy's {@code CountIterations}: with
 * {@code max = n} the solver performs {@code n} iterations (none for {@code n = 0}).
 */
public final class CountIterations implements StopRule {

    private final int maxIterations;

    /**
     * @param maxIterations {@code n ≥ 0}
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public CountIterations(int maxIterations) {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("CountIterations needs a maximum ≥ 0 but got " + maxIterations);
        }
        this.maxIterations = maxIterations;
    }

    /** @return {@code n} */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return whether {@code state.iteration() ≥ n} */
    @Override
    public boolean shouldStop(IterationState state) {
        return state.iteration() >= maxIterations;
    }

    /** @return e.g. {@code CountIterations[100]} */
    @Override
    public String toString() {
        return "CountIterations[" + maxIterations + "]";
    }
}
