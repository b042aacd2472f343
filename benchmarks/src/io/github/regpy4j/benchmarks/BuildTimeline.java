package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.worker.internal.OperatorTransport;
import java.util.Locale;

/**
 * Where the MRI example's "workers started" goes (issue 12, item 3): after an unmeasured
 * sequential solve, as the example runs, a manager prestarts one worker and the example's
 * operator (1 worker JVM and this JVM's share) is built on it: the manager, the constructor, the
 * first linearization (the worker's cold coil code); then a second operator on the same, now
 * idle and warm, worker. With argument {@code precopy}, this JVM first serializes and copies the
 * 10 coils once, unmeasured: what the constructor's cold path in this JVM costs.
 *
 * <pre>java -XX:+UseSerialGC -cp $CP io.github.regpy4j.benchmarks.BuildTimeline [precopy]</pre>
 */
public final class BuildTimeline {

    private BuildTimeline() {}

    /** @param args optionally {@code precopy} */
    public static void main(String[] args) throws Exception {
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(100, 10));
        MriReconstruction.unmeasuredSolve(problem, 5, p -> { });
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        if (args.length > 0 && args[0].equals("precopy")) {
            long c0 = System.nanoTime();
            for (Operator op : problem.coilOperators()) {
                OperatorTransport.copyOf(op);
            }
            System.out.printf(Locale.ROOT, "precopy of the 10 coils (this JVM's cold path): %.0f ms%n", (System.nanoTime() - c0) / 1e6);
        }
        long t0 = System.nanoTime();
        try (ParallelExecutionManager m = ParallelExecutionManager.builder().prestart(1).prestartOptions(options).build()) {
            long t1 = System.nanoTime();
            long t2;
            long t3;
            try (DistributedVectorOfOperators d = new DistributedVectorOfOperators(problem.coilOperators(), problem.domain(),
                    problem.distribution(), options)) {
                t2 = System.nanoTime();
                d.linearize(problem.initialGuess());
                t3 = System.nanoTime();
            }
            long t4 = System.nanoTime();
            try (DistributedVectorOfOperators again = new DistributedVectorOfOperators(problem.coilOperators(),
                    problem.domain(), problem.distribution(), options)) {
                long t5 = System.nanoTime();
                System.out.printf(Locale.ROOT, "manager %.0f ms, constructor %.0f ms, first linearize %.0f ms;"
                        + " a second operator on the idle worker: constructor %.0f ms%n", (t1 - t0) / 1e6,
                        (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t5 - t4) / 1e6);
            }
        }
    }
}
