package io.github.regpy4j.examples.mri;

import io.github.regpy4j.examples.WarmUp;
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
import java.util.Random;
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
     * @param buildNanos wall time of building the forward operator: for a parallel one, starting
     *     its workers and sending them their coils (0 when the caller built it)
     * @param warmUpNanos wall time of the warm-up rounds (0 when the caller warmed it up)
     */
    public record Outcome(SolverResult result, List<double[]> iterates, List<Progress> progress, long nanos,
            long buildNanos, long warmUpNanos) {

        /**
         * An outcome of a solve on an operator the caller built and warmed up.
         *
         * @param result how the solver ended
         * @param iterates every iterate, starting with the initial guess
         * @param progress one entry per iterate
         * @param nanos wall time of the solver run
         */
        public Outcome(SolverResult result, List<double[]> iterates, List<Progress> progress, long nanos) {
            this(result, iterates, progress, nanos, 0, 0);
        }

        /** @return the final iterate */
        public double[] reconstruction() {
            return result.state().x();
        }
    }

    /**
     * Warm-up rounds before the solver's clock starts, each a linearization and a normal operator
     * ({@code T*T}, a CG step's call) at the initial guess and again at a point near it: the code paths the solver takes,
     * so that its clock measures solving, not compiling. A fresh worker JVM compiles the FFT and
     * coil loops on its first calls, each worker on its own, on the same cores as the solve.
     */
    public static final int WARM_UP_ROUNDS = 5;

    /** The seed of the point near the initial guess that the warm-up linearizes at. */
    private static final long WARM_UP_SEED = 20261206L;

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
        return run(problem, execution, options, 0, problem.setup().maxIterations(), listener);
    }

    /**
     * As {@link #run(MriProblem, Execution, WorkerOptions, Consumer)}, with {@link #warmUp} rounds
     * before the solver's clock starts and a cap on the IRGNM iterations.
     *
     * @param problem the problem and its data
     * @param execution sequential or parallel
     * @param options how child JVMs are started (ignored sequentially)
     * @param warmUpRounds rounds of {@link #warmUp}, ≥ 0 (0: the solver starts cold)
     * @param maxIterations the most IRGNM iterations, ≥ 1 (the discrepancy principle may stop earlier)
     * @param listener called with every iteration's progress
     * @return the outcome
     * @throws IllegalArgumentException if {@code warmUpRounds} is negative or {@code maxIterations}
     *     below 1, before any worker starts
     * @throws Exception if workers cannot be started or closed
     */
    public static Outcome run(MriProblem problem, Execution execution, WorkerOptions options, int warmUpRounds,
            int maxIterations, Consumer<Progress> listener) throws Exception {
        WarmUp.requireRounds(warmUpRounds);
        requireIterationCap(maxIterations);
        // The clock starts before the scope: the workers it starts ahead count as part of the start.
        long t0 = System.nanoTime();
        try (AutoCloseable scope = execution.scope(options, options.workerCountFor(problem.setup().coils()))) {
            Operator forward = execution.forwardOperator(problem.coilOperators(), problem.domain(), problem.distribution(),
                    options);
            try {
                long built = System.nanoTime();
                warmUp(forward, problem, warmUpRounds);
                long warm = System.nanoTime();
                Outcome o = run(problem, forward, maxIterations, listener);
                return new Outcome(o.result(), o.iterates(), o.progress(), o.nanos(), built - t0, warm - built);
            } finally {
                Execution.close(forward);
            }
        }
    }

    /**
     * What the example runs, unmeasured, before it compares the executions: a whole sequential
     * solve, warm-up rounds included, as the scattering example does. This JVM runs the solver's
     * code, the warm-up's and the listener's in both measured runs, and the sequential run the coil
     * code as well; without this, the first measured run compiles that code for the second. One
     * IRGNM step was not enough: after it, a first measured sequential run still took its five
     * warm-up rounds in 0.55–0.68 s against 0.33–0.35 s for a second one (5 processes,
     * {@code CallerWarmthProbe seq seq -Dprobe.unmeasuredIterations=1}); after a whole solve, 0.33–0.47
     * against 0.34–0.48 s.
     *
     * @param problem the problem and its data
     * @param warmUpRounds rounds of {@link #warmUp} before the solve, ≥ 0
     * @param listener called with every iteration's progress, as in the measured runs
     * @throws IllegalArgumentException if {@code warmUpRounds} is negative
     * @throws Exception as {@link #run(MriProblem, Execution, WorkerOptions, int, int, Consumer)}
     */
    public static void unmeasuredSolve(MriProblem problem, int warmUpRounds, Consumer<Progress> listener)
            throws Exception {
        run(problem, Execution.SEQUENTIAL, WorkerOptions.defaults(), warmUpRounds, problem.setup().maxIterations(),
                listener);
    }

    /**
     * Linearizes {@code forward} at the initial guess and at a seeded point near it, and applies
     * each derivative's normal operator to a fixed vector, {@code rounds} times. No state of these
     * calls survives the next linearization, and the results are not used.
     *
     * @param forward the forward operator on {@code problem.domain()}
     * @param problem the problem
     * @param rounds how many times, ≥ 0
     * @throws IllegalArgumentException if {@code rounds} is negative
     */
    public static void warmUp(Operator forward, MriProblem problem, int rounds) {
        Random rng = new Random(WARM_UP_SEED);
        double[] x0 = problem.initialGuess();
        double[] near = x0.clone();
        double[] noise = forward.domain().randn(rng);
        for (int i = 0; i < near.length; i++) {
            near[i] += 0.1 * noise[i];
        }
        WarmUp.run(forward, rounds, forward.domain().randn(rng), x0, near);
    }

    /**
     * @param problem the problem and its data
     * @param forward the forward operator on {@code problem.domain()} (sequential or parallel)
     * @param listener called with every iteration's progress
     * @return the outcome
     */
    public static Outcome run(MriProblem problem, Operator forward, Consumer<Progress> listener) {
        return run(problem, forward, problem.setup().maxIterations(), listener);
    }

    /**
     * @param problem the problem and its data
     * @param forward the forward operator on {@code problem.domain()} (sequential or parallel)
     * @param maxIterations the most IRGNM iterations, ≥ 1 (the discrepancy principle may stop earlier)
     * @param listener called with every iteration's progress
     * @return the outcome
     * @throws IllegalArgumentException if {@code maxIterations} is below 1
     */
    public static Outcome run(MriProblem problem, Operator forward, int maxIterations, Consumer<Progress> listener) {
        requireIterationCap(maxIterations);
        MriSetup s = problem.setup();
        long start = System.nanoTime();
        IrgnmCg solver = IrgnmCg.builder(forward, problem.data())
                .init(problem.initialGuess())
                .alpha0(problem.solverAlpha0())
                .alphaStep(s.alphaStep())
                .build();
        StopRule stop = new CountIterations(maxIterations).or(new Discrepancy(problem.noiseNorm(), s.tau()));
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

    private static void requireIterationCap(int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("the cap on IRGNM iterations must be at least 1, found " + maxIterations);
        }
    }
}
