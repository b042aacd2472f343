package io.github.regpy4j.solvers;

/**
 * {@link Gmres} did not reach its tolerance: the residual it reached, the target, and the work
 * done are in the message and in the accessors.
 */
public final class GmresNotConvergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final double residualNorm;
    private final double targetNorm;
    private final int iterations;
    private final int cycles;

    /**
     * @param residualNorm {@code ‖b − A x‖} of the last iterate
     * @param targetNorm the residual norm that was needed, {@code max(atol, rtol‖b‖)}
     * @param rhsNorm {@code ‖b‖}
     * @param iterations products with {@code A} in the Krylov cycles
     * @param cycles restart cycles done
     * @param solver the solver, for its parameters
     */
    GmresNotConvergedException(double residualNorm, double targetNorm, double rhsNorm, int iterations, int cycles,
            Gmres solver) {
        super(String.format("GMRES did not converge: residual ‖b − Ax‖ = %.3e (%.3e relative to ‖b‖ = %.3e) after %d"
                + " iterations in %d restart cycles, but needed ≤ %.3e (%s)%s", residualNorm, residualNorm / rhsNorm,
                rhsNorm, iterations, cycles, targetNorm, solver,
                cycles < solver.maxCycles() && Double.isFinite(residualNorm)
                        ? "; the Krylov space stopped growing before the cycles ran out" : ""));
        this.residualNorm = residualNorm;
        this.targetNorm = targetNorm;
        this.iterations = iterations;
        this.cycles = cycles;
    }

    /** @return {@code ‖b − A x‖} of the last iterate (NaN if the iteration produced NaN) */
    public double residualNorm() {
        return residualNorm;
    }

    /** @return the residual norm that was needed */
    public double targetNorm() {
        return targetNorm;
    }

    /** @return the products with {@code A} in the Krylov cycles */
    public int iterations() {
        return iterations;
    }

    /** @return the restart cycles done */
    public int cycles() {
        return cycles;
    }
}
