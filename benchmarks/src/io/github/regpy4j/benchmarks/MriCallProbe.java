package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The MRI flagship's steady state: one derivative and one adjoint (what each CG step of IRGNM
 * calls), warm, sequential ({@code VectorOfOperators} in this JVM) against a
 * {@code DistributedVectorOfOperators} on {@code k} workers, alternating, median of the pairs.
 * Says what a call costs once start and warm-up are paid, the part of a solve a worker can win.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.MriCallProbe \
 *     -Dexec.programArgs="100 10 2 200 60"
 * </pre>
 * Arguments: grid size, coils, workers k, warm-up pairs, measured pairs, and optionally the
 * workers' extra JVM flags in one argument.
 */
public final class MriCallProbe {

    private static final long SEED = 20261206L;

    private MriCallProbe() {}

    /** @param args grid size, coils, workers, warm-up pairs, measured pairs */
    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int coils = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(workers);
        if (args.length > 5 && !args[5].isBlank()) {
            options = options.withJvmArgs(List.of(args[5].trim().split("\\s+")));
        }
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(size, coils));
        List<Operator> ops = problem.coilOperators();
        Operator sequential = new VectorOfOperators(ops, problem.domain(), problem.distribution());
        Random rng = new Random(SEED);
        double[] x = problem.initialGuess().clone();
        double[] noise = problem.domain().randn(rng);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1 * noise[i];
        }
        double[] h = problem.domain().randn(rng);
        double[] y = sequential.codomain().randn(rng);
        try (ParallelExecutionManager scope = new ParallelExecutionManager();
                DistributedVectorOfOperators parallel = new DistributedVectorOfOperators(ops, problem.domain(),
                        problem.distribution(), options)) {
            Linearization ls = sequential.linearize(x);
            Linearization lp = parallel.linearize(x);
            for (int r = 0; r < warmup; r++) {
                pair(ls, h, y);
                pair(lp, h, y);
            }
            double[] seq = new double[reps];
            double[] par = new double[reps];
            long seqCpu = 0;
            long parentCpu = 0;
            long workersCpu0 = workersCpuNanos(parallel.workerProcesses());
            for (int r = 0; r < reps; r++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                seq[r] = pair(ls, h, y);
                long c1 = THREADS.getCurrentThreadCpuTime();
                par[r] = pair(lp, h, y);
                parentCpu += THREADS.getCurrentThreadCpuTime() - c1;
                seqCpu += c1 - c0;
            }
            long workersCpu = workersCpuNanos(parallel.workerProcesses()) - workersCpu0;
            double s = median(seq);
            double p = median(par);
            System.out.printf(Locale.ROOT,
                    "%dx%d, %d coils, %d workers: derivative + adjoint, median of %d after %d warm-up pairs: "
                            + "sequential %.2f ms, parallel %.2f ms (%.2f of sequential; ideal %.2f)%n",
                    size, size, coils, parallel.workerCount(), reps, warmup, s, p, p / s,
                    1.0 / Math.min(parallel.workerCount(), Runtime.getRuntime().availableProcessors()));
            System.out.printf(Locale.ROOT, "CPU per pair: sequential %.2f ms (this thread); parallel: calling thread %.2f ms,"
                    + " workers %.2f ms (all %d, every thread)%n", seqCpu / 1e6 / reps, parentCpu / 1e6 / reps,
                    workersCpu / 1e6 / reps, parallel.workerCount());
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** @return the CPU time of the processes so far, every thread */
    private static long workersCpuNanos(List<ProcessHandle> workers) {
        long sum = 0;
        for (ProcessHandle w : workers) {
            sum += w.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
        return sum;
    }

    /** @return milliseconds for one derivative and one adjoint of the derivative */
    private static double pair(Linearization l, double[] h, double[] y) {
        long t0 = System.nanoTime();
        l.derivative().apply(h);
        l.derivative().adjoint().apply(y);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
