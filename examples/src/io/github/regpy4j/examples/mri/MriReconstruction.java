package io.github.regpy4j.examples.mri;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.solvers.CountIterations;
import io.github.regpy4j.solvers.Discrepancy;
import io.github.regpy4j.solvers.IrgnmCg;
import io.github.regpy4j.solvers.IterationState;
import io.github.regpy4j.solvers.SolverResult;
import io.github.regpy4j.solvers.StopRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs IRGNM-CG with the discrepancy principle on an {@link MriProblem}, as regpy's example does.
 */
public final class MriReconstruction {

    /**
     * One iteration, as the example reports it.
     *
     * @param state the solver's state
     * @param relativeError error of the normalized density magnitude to the exact one
     * @param elapsedNanos time since the solver was built
     */
    public record Progress(IterationState state, double relativeError, long elapsedNanos) {}

    /**
     * What a reconstruction produced.
     *
     * @param result how the solver ended
     * @param iterates every iterate {@code xₙ} (solver unknowns), starting with the initial guess
     * @param progress one entry per iterate
     * @param nanos wall time of the solver run (not counting setup of the operator)
     */
    public record Outcome(SolverResult result, List<double[]> iterates, List<Progress> progress, long nanos) {

        /** @return the final iterate */
        public double[] reconstruction() {
            return result.state().x();
        }
    }

    private MriReconstruction() {}

    /**
     * Builds the forward operator with {@code execution}, runs the reconstruction and closes
     * the operator and the execution's scope (so no worker outlives the call).
     *
     * @param problem the problem and its data
     * @param execution sequential or parallel
     * @param listener called with every iteration's progress
     * @return the outcome
     * @throws Exception if workers cannot be started or closed
     */
    public static Outcome run(MriProblem problem, Execution execution, Consumer<Progress> listener) throws Exception {
        return run(problem, execution, WorkerOptions.defaults(), listener);
    }

    /**
     * As {@link #run(MriProblem, Execution, Consumer)}, with child JVMs started as {@code options} say.
     *
     * @param problem the problem and its data
     * @param execution sequential or parallel
     * @param options how child JVMs are started (ignored sequentially)
     * @param listener called with every iteration's progress
     * @return the outcome
     * @throws Exception if workers cannot be started or closed
     */
    public static Outcome run(MriProblem problem, Execution execution, WorkerOptions options,
            Consumer<Progress> listener) throws Exception {
        try (AutoCloseable scope = execution.scope()) {
            Operator forward = execution.forwardOperator(problem.coilOperators(), problem.domain(), problem.distribution(),
                    options);
            try {
                return run(problem, forward, listener);
            } finally {
                Execution.close(forward);
            }
        }
    }

    /**
     * @param problem the problem and its data
     * @param forward the forward operator on {@code problem.domain()} (sequential or parallel)
     * @param listener called with every iteration's progress
     * @return the outcome
     */
    public static Outcome run(MriProblem problem, Operator forward, Consumer<Progress> listener) {
        MriSetup s = problem.setup();
        long start = System.nanoTime();
        IrgnmCg solver = IrgnmCg.builder(forward, problem.data())
                .init(problem.initialGuess())
                .alpha0(problem.solverAlpha0())
                .alphaStep(s.alphaStep())
                .build();
        StopRule stop = new CountIterations(s.maxIterations()).or(new Discrepancy(problem.noiseNorm(), s.tau()));
        List<double[]> iterates = new ArrayList<>();
        List<Progress> progress = new ArrayList<>();
        SolverResult result = solver.run(stop, state -> {
            Progress p = new Progress(state, problem.relativeError(state.x()), System.nanoTime() - start);
            iterates.add(state.x());
            progress.add(p);
            listener.accept(p);
        });
        return new Outcome(result, iterates, progress, System.nanoTime() - start);
    }
}
