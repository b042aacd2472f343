package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.Locale;
import java.util.Random;

/**
 * A derivative and an adjoint of the MRI forward operator inside a solve, against the same pair
 * back to back right after it, in the same JVM (and, for the parallel operator, on the same
 * workers), for several solves in a row: whether the calls run slower inside the solver's loop
 * than in a benchmark's, and how much the same work swings from one second to the next.
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.InSolveProbe 160 parallel 3
 * java -cp $CP io.github.regpy4j.benchmarks.InSolveProbe 160 sequential 3
 * </pre>
 * Arguments: grid size (10 coils, 2 workers), {@code parallel} or {@code sequential}, solves.
 */
public final class InSolveProbe {

    private static final long SEED = 1;
    private static final int PAIRS = 40;

    private InSolveProbe() {}

    /**
     * @param args grid size, {@code parallel} or {@code sequential}, solves
     * @throws Exception if workers cannot be started or closed
     */
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        Execution execution = args[1].equals("parallel") ? Execution.PARALLEL : Execution.SEQUENTIAL;
        int solves = Integer.parseInt(args[2]);
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(size, 10));
        try (AutoCloseable scope = execution.scope(WorkerOptions.defaults(), 0)) {
            Operator forward = execution.forwardOperator(problem.coilOperators(), problem.domain(),
                    problem.distribution(), WorkerOptions.defaults().withMaxWorkers(2));
            try {
                MriReconstruction.warmUp(forward, problem, MriReconstruction.WARM_UP_ROUNDS);
                for (int s = 0; s < solves; s++) {
                    TimedOperator timed = new TimedOperator(forward);
                    MriReconstruction.Outcome o = MriReconstruction.run(problem, timed, p -> { });
                    Operator derivative = forward.linearize(o.reconstruction()).derivative();
                    Operator adjoint = derivative.adjoint();
                    Random rng = new Random(SEED);
                    double[] h = forward.domain().randn(rng);
                    double[] y = forward.codomain().randn(rng);
                    long start = System.nanoTime();
                    for (int i = 0; i < PAIRS; i++) {
                        derivative.apply(h);
                        adjoint.apply(y);
                    }
                    double backToBack = (System.nanoTime() - start) / 1e6 / PAIRS;
                    System.out.printf(Locale.ROOT, "%s solve %d: in-solve pair %.2f ms (solve %.0f ms) | back-to-back pair %.2f ms%n",
                            args[1], s, timed.pairMillis(), o.nanos() / 1e6, backToBack);
                }
            } finally {
                Execution.close(forward);
            }
        }
    }
}
