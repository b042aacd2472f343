package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.Locale;

/**
 * How much of the MRI example's first parallel run is this JVM's own cold code: after the
 * example's unmeasured sequential solve, whole runs (scope, start, warm-up, solve) in the
 * order given, each parallel one with a fresh scope and so a fresh, cold worker JVM. A second
 * parallel run differs from the first only in this JVM: its parallel runtime (this JVM's share,
 * the transfers, the solver's code meeting the parallel operator) has run once already.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.CallerWarmthProbe -Dexec.programArgs="par par seq par"
 * </pre>
 * Arguments: {@code par} or {@code seq}, one per run (default {@code par par seq par}); {@code
 * tiny} is a parallel run of a 32×32, 2-coil problem (the same code paths, a tenth of a second of work).
 * {@code -Dprobe.unmeasuredIterations=1} caps the unmeasured solve at one IRGNM step, as the example
 * did until session 15.
 */
public final class CallerWarmthProbe {

    private CallerWarmthProbe() {}

    /**
     * @param args the runs, as above
     * @throws Exception if a worker cannot start
     */
    public static void main(String[] args) throws Exception {
        String[] runs = args.length > 0 ? args : new String[] {"par", "par", "seq", "par"};
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(100, 10));
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        Integer unmeasuredIterations = Integer.getInteger("probe.unmeasuredIterations");
        if (unmeasuredIterations == null) {
            MriReconstruction.unmeasuredSolve(problem, MriReconstruction.WARM_UP_ROUNDS, p -> { });
        } else {
            MriReconstruction.run(problem, Execution.SEQUENTIAL, options, MriReconstruction.WARM_UP_ROUNDS,
                    unmeasuredIterations, p -> { });
        }
        MriProblem tiny = new MriProblem(MriSetup.regpyExample().resized(Integer.getInteger("probe.tinySize", 32), 2));
        StringBuilder line = new StringBuilder();
        for (String run : runs) {
            Execution e = run.equals("seq") ? Execution.SEQUENTIAL : Execution.PARALLEL;
            MriProblem which = run.equals("tiny") ? tiny : problem;
            long t0 = System.nanoTime();
            MriReconstruction.Outcome o = MriReconstruction.run(which, e, options, MriReconstruction.WARM_UP_ROUNDS,
                    which.setup().maxIterations(), p -> { });
            line.append(String.format(Locale.ROOT, "%s %.2f s (start %.2f, warm-up %.2f, solver %.2f)  ", run,
                    (System.nanoTime() - t0) / 1e9, o.buildNanos() / 1e9, o.warmUpNanos() / 1e9, o.nanos() / 1e9));
        }
        System.out.println(line.toString().strip());
    }
}
