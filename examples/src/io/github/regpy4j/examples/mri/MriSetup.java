package io.github.regpy4j.examples.mri;

/**
 * The parameters of the parallel MRI example, with the values of regpy's
 * {@code mri_example_parallel.py} as {@link #regpyExample()}.
 *
 * @param size grid points per axis of the square grid on {@code [−1, 1]²}
 * @param coils number of receiver coils (one operator, and one child JVM, per coil)
 * @param noiseLevel standard deviation of the noise added to real and imaginary part of every datum
 * @param seed seed of the noise
 * @param sobolevIndex Sobolev index {@code l} of the coil smoother
 * @param sobolevFactor factor {@code s} of the coil smoother
 * @param alpha0 initial regularization parameter as regpy gives it (for {@code L²} on the grid);
 *     the plain-inner-product value the solver gets is {@code alpha0 · h²} (see {@link MriProblem#solverAlpha0()})
 * @param alphaStep factor by which the regularization parameter shrinks each iteration
 * @param tau the {@code τ} of the discrepancy principle
 * @param maxIterations the iteration limit next to the discrepancy principle
 * @param edgeRows the number of low-frequency rows sampled at each edge of k-space
 */
public record MriSetup(int size, int coils, double noiseLevel, long seed, double sobolevIndex, double sobolevFactor,
        double alpha0, double alphaStep, double tau, int maxIterations, int edgeRows) {

    /** @return regpy's example: 100×100 grid, 10 coils, 5 % noise, l = 32, s = 220, α₀ = 10, q = 0.8, τ = 1.1 */
    public static MriSetup regpyExample() {
        return new MriSetup(100, 10, 0.05, 20261126L, 32, 220, 10, 0.8, 1.1, 100, 10);
    }

    /**
     * @param size grid points per axis
     * @param coils number of coils
     * @return these parameters on another grid and with another number of coils
     */
    public MriSetup resized(int size, int coils) {
        return new MriSetup(size, coils, noiseLevel, seed, sobolevIndex, sobolevFactor, alpha0, alphaStep, tau,
                maxIterations, Math.min(edgeRows, size / 4));
    }
}
