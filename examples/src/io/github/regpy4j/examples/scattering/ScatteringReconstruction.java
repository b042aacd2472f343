package io.github.regpy4j.examples.scattering;

import io.github.regpy4j.hilbert.Hm;
import io.github.regpy4j.hilbert.L2;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.solvers.CountIterations;
import io.github.regpy4j.solvers.Discrepancy;
import io.github.regpy4j.solvers.IrgnmCg;
import io.github.regpy4j.solvers.IterationState;
import io.github.regpy4j.solvers.RegularizationSetting;
import io.github.regpy4j.solvers.SolverResult;
import io.github.regpy4j.solvers.StopRule;
import io.github.regpy4j.solvers.TikhonovCg;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * IRGNM-CG with the discrepancy principle in regpy's setting of the example:
 * {@code Setting(op, Hm(mask=op.support, index=2), L2)}, {@code regpar=1e-4},
 * {@code regpar_step=0.8}, CG tolerances {@code 1e-8}, {@code τ = 2.1}, at most 100 iterations,
 * starting from zero.
 */
public final class ScatteringReconstruction {

    /** regpy's example: {@code regpar=0.0001}. */
    public static final double ALPHA0 = 1e-4;
    /** regpy's example: {@code regpar_step=0.8}. */
    public static final double ALPHA_STEP = 0.8;
    /** regpy's example: {@code tau=2.1}. */
    public static final double TAU = 2.1;
    /** regpy's example: {@code CountIterations(100)}. */
    public static final int MAX_ITERATIONS = 100;
    /** regpy's example: {@code Hm(mask=op.support, index=2)}. */
    public static final double SOBOLEV_INDEX = 2;
    /** regpy's example: {@code cg_pars=dict(tol=1e-8, reltolx=1e-8, reltoly=1e-8)}, regpy's other CG defaults. */
    public static final TikhonovCg.Options CG = new TikhonovCg.Options(1000, 1e-8, 1e-8, 1e-8, true);

    /**
     * One iteration, as the example reports it.
     *
     * @param state the solver's state
     * @param relativeError {@code ‖xₙ − a†‖ / ‖a†‖}
     * @param elapsedNanos time since the solver was built
     */
    public record Progress(IterationState state, double relativeError, long elapsedNanos) {}

    /**
     * What a reconstruction produced.
     *
     * @param result how the solver ended
     * @param iterates every iterate {@code xₙ}, starting with the initial guess
     * @param progress one entry per iterate
     * @param noiseLevel {@code δ}, the noise's norm in the data-fidelity space
     * @param nanos wall time of the solver run, from building the solver (its first linearization) to the end;
     *     not the setting's construction
     */
    public record Outcome(SolverResult result, List<double[]> iterates, List<Progress> progress, double noiseLevel,
            long nanos) {

        /** @return the final iterate */
        public double[] reconstruction() {
            return result.state().x();
        }

        /** @return {@code F(x)} at the final iterate, in the solver's (split) order */
        public double[] reconstructedData() {
            return result.state().y();
        }
    }

    private ScatteringReconstruction() {}

    /**
     * Builds the forward operator with {@code execution}, evaluates it once at the exact contrast
     * (so that cold workers load classes, build their kernels and compile the solver's loops
     * before the clock starts, as this JVM did while making the data; no state of that call
     * survives it), runs the reconstruction, and closes the operator and the execution's scope: no
     * worker outlives the call.
     *
     * @param problem the problem and its data
     * @param execution sequential or parallel
     * @param options how child JVMs are started (ignored sequentially)
     * @param listener called with every iteration's progress
     * @return the outcome
     * @throws Exception if workers cannot be started or closed
     */
    public static Outcome run(ScatteringProblem problem, Execution execution, WorkerOptions options,
            Consumer<Progress> listener) throws Exception {
        try (AutoCloseable scope = execution.scope()) {
            Operator forward = execution.forwardOperator(problem.parts(), options);
            try {
                forward.apply(problem.exactContrast());
                return run(problem, forward, listener);
            } finally {
                Execution.close(forward);
            }
        }
    }

    /**
     * @param problem the problem and its data
     * @param forward {@code a ↦ (F₀(a), …, F_{K−1}(a))} over {@code problem.parts()} (sequential or parallel)
     * @param listener called with every iteration's progress
     * @return the outcome
     */
    public static Outcome run(ScatteringProblem problem, Operator forward, Consumer<Progress> listener) {
        // The setting belongs to the problem, not to the solver: its Hm space factors a dense Gram
        // matrix of the support points once (O(m³), about a second at 64×64), the same in either
        // execution, so the solver's clock starts after it.
        RegularizationSetting setting = new RegularizationSetting(forward,
                Hm.withMask(problem.operator().support(), SOBOLEV_INDEX), L2::on);
        long start = System.nanoTime();
        double[] data = problem.data();
        Discrepancy discrepancy = Discrepancy.forNoise(setting, problem.noise(), TAU);
        IrgnmCg solver = IrgnmCg.builder(setting, data)
                .init(forward.domain().zeros())
                .alpha0(ALPHA0)
                .alphaStep(ALPHA_STEP)
                .cgOptions(CG)
                .build();
        StopRule stop = new CountIterations(MAX_ITERATIONS).or(discrepancy);
        List<double[]> iterates = new ArrayList<>();
        List<Progress> progress = new ArrayList<>();
        SolverResult result = solver.run(stop, state -> {
            Progress p = new Progress(state, problem.relativeError(state.x()), System.nanoTime() - start);
            iterates.add(state.x());
            progress.add(p);
            listener.accept(p);
        });
        return new Outcome(result, iterates, progress, discrepancy.noiseLevel(), System.nanoTime() - start);
    }
}
