package io.github.regpy4j.examples.scattering;

import io.github.regpy4j.examples.WarmUp;
import io.github.regpy4j.hilbert.L2;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.solvers.CountIterations;
import io.github.regpy4j.solvers.Discrepancy;
import io.github.regpy4j.solvers.IrgnmCg;
import io.github.regpy4j.solvers.IterationState;
import io.github.regpy4j.solvers.RegularizationSetting;
import io.github.regpy4j.solvers.SolverResult;
import io.github.regpy4j.solvers.StopRule;
import io.github.regpy4j.solvers.TikhonovCg;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
     * Warm-up rounds before the solver's clock starts, each a linearization and a normal operator
     * (a CG step's call) at the exact contrast and again at zero: about what a worker needs to compile its
     * loops (measured: the first 30 calls of a cold worker cost it 2–3× the CPU of later ones), and
     * about as many calls as the solver then makes.
     */
    public static final int WARM_UP_ROUNDS = 10;

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
     * @param cpuNanos CPU time of the calling thread in that span: all of the work sequentially, the
     *     parent's share (CG, Gram operators, sending and receiving) in parallel
     * @param processCpuNanos CPU time of this JVM in that span, all threads (compiler and GC too)
     * @param workerCpuNanos CPU time of the worker processes in that span (0 sequentially)
     */
    public record Outcome(SolverResult result, List<double[]> iterates, List<Progress> progress, double noiseLevel,
            long nanos, long cpuNanos, long processCpuNanos, long workerCpuNanos) {

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
     * Builds the forward operator with {@code execution}, warms it up ({@link #warmUp}), runs the
     * reconstruction, and closes the operator and the execution's scope: no worker outlives the
     * call.
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
        return run(problem, execution, options, WARM_UP_ROUNDS, listener);
    }

    /**
     * As {@link #run(ScatteringProblem, Execution, WorkerOptions, Consumer)}, with a chosen number
     * of warm-up rounds (0: the solver starts cold).
     *
     * @param problem the problem and its data
     * @param execution sequential or parallel
     * @param options how child JVMs are started (ignored sequentially)
     * @param warmUpRounds rounds of {@link #warmUp}, ≥ 0
     * @param listener called with every iteration's progress
     * @return the outcome
     * @throws Exception if workers cannot be started or closed
     */
    public static Outcome run(ScatteringProblem problem, Execution execution, WorkerOptions options, int warmUpRounds,
            Consumer<Progress> listener) throws Exception {
        WarmUp.requireRounds(warmUpRounds);
        try (AutoCloseable scope = execution.scope(options, options.workerCountFor(problem.parts().size()))) {
            Operator forward = execution.forwardOperator(problem.parts(), options);
            try {
                warmUp(forward, problem, warmUpRounds);
                return run(problem, forward, listener);
            } finally {
                Execution.close(forward);
            }
        }
    }

    /**
     * Linearizes {@code forward} at the exact contrast and at zero and applies each derivative and
     * its adjoint to fixed vectors, {@code rounds} times: every code path the solver takes, before its clock
     * starts. A worker JVM starts cold: it loads the classes, builds its kernel and FFT plans, and
     * compiles the GMRES and FFT loops on first use; each of the {@code K} workers does so on its
     * own, and on a machine with as many cores as workers that compiling competes with the solves.
     * Sequentially, the same calls warm this JVM, so both runs start their clocks alike. No state
     * of these calls survives the next linearization, and the results are not used.
     *
     * @param forward the forward operator over {@code problem.parts()}
     * @param problem the problem
     * @param rounds how many times, ≥ 0
     * @throws IllegalArgumentException if {@code rounds} is negative
     */
    public static void warmUp(Operator forward, ScatteringProblem problem, int rounds) {
        double[] x = problem.exactContrast();
        // Zero as well: IRGNM's first step linearizes there, where every GMRES solve breaks down
        // at once (A = I). A JVM that never saw that branch discards its compiled GMRES the first
        // time it does, and compiles it again in the middle of the solve.
        WarmUp.run(forward, rounds, problem.exactContrast(), x, new double[x.length]);
    }

    /**
     * @param problem the problem and its data
     * @param forward {@code a ↦ (F₀(a), …, F_{K−1}(a))} over {@code problem.parts()} (sequential or parallel)
     * @param listener called with every iteration's progress
     * @return the outcome
     */
    public static Outcome run(ScatteringProblem problem, Operator forward, Consumer<Progress> listener) {
        // The setting belongs to the problem, not to the solver: its Hm space factors a dense Gram
        // matrix of the support points (O(m³), about a second at 64×64), once per problem and
        // shared by both executions, so the solver's clock starts after it.
        RegularizationSetting setting = new RegularizationSetting(forward, problem.penalty(), L2::on);
        List<ProcessHandle> workers = forward instanceof ParallelVectorOfOperators p ? p.workerProcesses() : List.of();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long workerCpuStart = cpuNanos(workers);
        long processCpuStart = cpuNanos(List.of(ProcessHandle.current()));
        long cpuStart = threads.getCurrentThreadCpuTime();
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
        return new Outcome(result, iterates, progress, discrepancy.noiseLevel(), System.nanoTime() - start,
                threads.getCurrentThreadCpuTime() - cpuStart, cpuNanos(List.of(ProcessHandle.current())) - processCpuStart,
                cpuNanos(workers) - workerCpuStart);
    }

    /** @return the CPU time the processes have used so far, as far as the operating system tells */
    private static long cpuNanos(List<ProcessHandle> processes) {
        long sum = 0;
        for (ProcessHandle p : processes) {
            sum += p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
        return sum;
    }
}
