package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.worker.internal.OperatorTransport;
import java.util.List;
import java.util.Locale;

/**
 * What a prestarted worker saves: the MRI flagship's operator (10 coils, one worker JVM and this
 * JVM's share) created in a scope that started its worker ahead, against one that did not. Each
 * round opens a fresh scope per way, alternating; this JVM's Kryo is warm for both (the caller's
 * first serialization, about 0.1–0.2 s cold, is what a user's program pays once). Printed: the
 * time from {@code new DistributedVectorOfOperators} to its return, median over the rounds.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.PrestartProbe -Dexec.programArgs="7 2000"
 * </pre>
 * Arguments: rounds (default 7), how long the prestarted worker has to boot before the operator
 * is created, in ms (default 2000: a problem built meanwhile; 0: the operator at once). With the
 * single argument {@code cold}: one creation in this fresh JVM, whose serializer is cold, 2 s
 * after a scope with the worker prestarted opened while the problem was built (run it several
 * times: each run is one figure).
 */
public final class PrestartProbe {

    private PrestartProbe() {}

    /**
     * @param args rounds and boot time, as above
     * @throws Exception if a worker cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("cold")) {
            coldCreation();
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long bootMillis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(100, 10));
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        OperatorTransport.serialize(problem.coilOperators().get(0));
        double[] prestarted = new double[rounds];
        double[] fresh = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            prestarted[r] = create(problem, options, options.workerCountFor(problem.setup().coils()), bootMillis);
            fresh[r] = create(problem, options, 0, bootMillis);
            System.out.printf(Locale.ROOT, "round %d: prestarted %.1f ms, fresh %.1f ms%n", r, prestarted[r], fresh[r]);
        }
        System.out.printf(Locale.ROOT, "medians over %d rounds (%d ms to boot): prestarted %.1f ms, fresh %.1f ms%n",
                rounds, bootMillis, Stats.median(prestarted), Stats.median(fresh));
    }

    private static double create(MriProblem problem, WorkerOptions options, int prestart, long bootMillis)
            throws Exception {
        try (var scope = ParallelExecutionManager.builder().prestart(prestart).prestartOptions(options).build()) {
            Thread.sleep(bootMillis);
            List<Operator> coils = problem.coilOperators();
            long t0 = System.nanoTime();
            try (var op = new DistributedVectorOfOperators(coils, problem.domain(), problem.distribution(), options)) {
                return (System.nanoTime() - t0) / 1e6;
            }
        }
    }

    private static void coldCreation() throws Exception {
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        try (var scope = ParallelExecutionManager.builder().prestart(1).prestartOptions(options).build()) {
            MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(100, 10));
            Thread.sleep(2000);
            List<Operator> coils = problem.coilOperators();
            long t0 = System.nanoTime();
            try (var op = new DistributedVectorOfOperators(coils, problem.domain(), problem.distribution(), options)) {
                System.out.printf(Locale.ROOT, "fresh JVM, worker prestarted 2 s before: operator created in %.1f ms%n",
                        (System.nanoTime() - t0) / 1e6);
            }
        }
    }
}
