package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.WorkerOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Where an MRI flagship solve spends its time: inside the forward operator's calls (value and
 * linearization, derivative, adjoint) against outside them (the solver's own work in this JVM:
 * CG's vector updates and inner products). The part outside is the same in both executions and
 * does not shrink with workers; it bounds what they can win.
 *
 * <p>Both executions get the MRI example's treatment first: an unmeasured sequential solve,
 * then {@link MriReconstruction#warmUp} rounds, then the timed solve.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.SolverSplitProbe \
 *     -Dexec.programArgs="160 10 2"
 * </pre>
 * Arguments: grid size, coils, workers.
 */
public final class SolverSplitProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SolverSplitProbe() {}

    /**
     * @param args grid size, coils, workers
     * @throws Exception if workers cannot be started or closed
     */
    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 160;
        int coils = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(size, coils));
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(k);
        MriReconstruction.unmeasuredSolve(problem, MriReconstruction.WARM_UP_ROUNDS, p -> { });
        for (Execution execution : new Execution[] {Execution.PARALLEL, Execution.SEQUENTIAL}) {
            try (AutoCloseable scope = execution.scope(options, 0)) {
                Operator forward = execution.forwardOperator(problem.coilOperators(), problem.domain(),
                        problem.distribution(), options);
                try {
                    MriReconstruction.warmUp(forward, problem, MriReconstruction.WARM_UP_ROUNDS);
                    TimedOperator timed = new TimedOperator(forward);
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    MriReconstruction.Outcome outcome = MriReconstruction.run(problem, timed, p -> { });
                    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                    double solver = outcome.nanos() / 1e6;
                    double inCalls = timed.nanosInCalls() / 1e6;
                    System.out.printf(Locale.ROOT, "%dx%d, %d coils, %s: solver %.0f ms = %.0f ms in %d calls + %.0f ms"
                            + " outside them; this thread's CPU %.0f ms%n", size, size, coils,
                            execution.isParallel() ? k + " workers" : "sequential", solver, inCalls, timed.calls(),
                            solver - inCalls, cpu / 1e6);
                } finally {
                    Execution.close(forward);
                }
            }
        }
    }
}
