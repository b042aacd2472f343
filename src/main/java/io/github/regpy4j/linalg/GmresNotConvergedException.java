package io.github.regpy4j.linalg;

/**
 * {@link Gmres} did not reach its tolerance: the residual it reached, the target, and the work
 * done are in the message and in the accessors.
 */
public final class GmresNotConvergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code ‖b − A x‖} of the last iterate. */
    private final double residualNorm;
    /** The residual norm that was needed. */
    private final double targetNorm;
    /** Products with {@code A} in the Krylov cycles. */
    private final int iterations;
    /** Restart cycles done. */
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
        this(String.format("GMRES did not converge: residual ‖b − Ax‖ = %.3e (%.3e relative to ‖b‖ = %.3e) after %d"
                + " iterations in %d restart cycles, but needed ≤ %.3e (%s)%s", residualNorm, residualNorm / rhsNorm,
                rhsNorm, iterations, cycles, targetNorm, solver,
                cycles < solver.maxCycles() && Double.isFinite(residualNorm)
                        ? "; the Krylov space stopped growing before the cycles ran out" : ""),
                residualNorm, targetNorm, iterations, cycles, null);
    }

    private GmresNotConvergedException(String message, double residualNorm, double targetNorm, int iterations,
            int cycles, Throwable cause) {
        super(message, cause);
        this.residualNorm = residualNorm;
        this.targetNorm = targetNorm;
        this.iterations = iterations;
        this.cycles = cycles;
    }

    /**
     * The same failure with the system it happened in named first, for callers that solve many
     * systems (an operator, per incident wave).
     *
     * @param system what was being solved, e.g. the operator and the wave
     * @return a new exception with message {@code system + ": " + getMessage()} and this one as cause
     */
    public GmresNotConvergedException in(String system) {
        return new GmresNotConvergedException(system + ": " + getMessage(), residualNorm, targetNorm, iterations, cycles,
                this);
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
