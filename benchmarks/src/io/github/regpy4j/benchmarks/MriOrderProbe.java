package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.Locale;

/**
 * Whether the order of the MRI example's two measured runs weighs on their ratio: the example's
 * treatment (an unmeasured sequential solve, then each execution with its warm-up rounds and
 * its timed solve), with the parallel run first, as the example does, or second. Run it in
 * alternation, a JVM per run. In session 10 whichever run came second was faster, the sequential
 * one by about 8 %, the parallel one by about 4 % (8 pairs): the parallel-first ratio, the
 * example's, came out higher. In session 11, once the CG no longer allocated two 4 MB results per
 * step in the caller, both orders gave about the same ratio (4 pairs: 0.667 and 0.69).
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.MriOrderProbe 160 parallel-first
 * java -cp $CP io.github.regpy4j.benchmarks.MriOrderProbe 160 sequential-first
 * </pre>
 * Arguments: grid size (10 coils, 2 workers), {@code parallel-first} or {@code sequential-first}.
 */
public final class MriOrderProbe {

    private MriOrderProbe() {}

    /**
     * @param args grid size, {@code parallel-first} or {@code sequential-first}
     * @throws Exception if workers cannot be started or closed
     */
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        boolean parallelFirst = args[1].equals("parallel-first");
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(size, 10));
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(2);
        int rounds = MriReconstruction.WARM_UP_ROUNDS;
        MriReconstruction.unmeasuredSolve(problem, rounds, p -> { });
        Execution[] order = parallelFirst ? new Execution[] {Execution.PARALLEL, Execution.SEQUENTIAL}
                : new Execution[] {Execution.SEQUENTIAL, Execution.PARALLEL};
        double parallel = 0;
        double sequential = 0;
        for (Execution e : order) {
            MriReconstruction.Outcome o = MriReconstruction.run(problem, e, options, rounds,
                    problem.setup().maxIterations(), p -> { });
            if (e.isParallel()) {
                parallel = o.nanos() / 1e9;
            } else {
                sequential = o.nanos() / 1e9;
            }
        }
        System.out.printf(Locale.ROOT, "%s: parallel solver %.2f s, sequential %.2f s, ratio %.3f%n",
                parallelFirst ? "parallel first" : "sequential first", parallel, sequential, parallel / sequential);
    }
}
