package io.github.regpy4j.examples.scattering;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Where a parallel call of the example's operator spends its time: the derivative and its adjoint
 * (what each CG step calls), warm, median per call, for
 *
 * <ol>
 *   <li>one JVM, all directions (the sequential solver's cost per call), also at zero contrast,
 *       where every GMRES solve ends at once (IRGNM's first step linearizes there);</li>
 *   <li>one JVM, the first block alone (what one worker computes: the solve time of a parallel call);</li>
 *   <li>{@code K} workers (the parallel solver's cost per call), with the workers' CPU per call;</li>
 *   <li>{@code K} workers at zero contrast, where every GMRES solve ends at once: transfer,
 *       protocol and wake-ups alone, with the same sizes crossing the pipes.</li>
 * </ol>
 *
 * <pre>
 *   ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.examples.scattering.CallSplit \
 *       -Dexec.programArgs="64 16 2 40"
 * </pre>
 * Arguments: grid size N, directions D, workers K, repetitions (after as many warm-up calls).
 */
public final class CallSplit {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CallSplit() {}

    /**
     * @param args grid size, directions, workers, repetitions
     * @throws Exception if the workers cannot be started or closed
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        ScatteringProblem problem = new ScatteringProblem(n, d, k);
        double[] x = problem.exactContrast();
        double[] zero = new double[x.length];
        System.out.printf(Locale.ROOT, "%dx%d grid, %d directions, %d workers; median of %d calls after %d warm-up"
                + " calls; ms per call (derivative / adjoint, median)%n", n, n, d, k, reps, reps);
        report("one JVM, all " + d + " directions", new VectorOfOperators(problem.parts()), problem, x, reps, List.of());
        report("one JVM, all " + d + " directions, zero contrast (no solve)", new VectorOfOperators(problem.parts()),
                problem, zero, reps, List.of());
        List<Operator> first = List.of(problem.parts().get(0));
        report("one JVM, block 1 alone (a worker's solves)", new VectorOfOperators(first), problem, x, reps, List.of());
        try (ParallelExecutionManager manager = new ParallelExecutionManager();
                ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(problem.parts())) {
            report(k + " workers", parallel, problem, x, reps, parallel.workerProcesses());
            report(k + " workers, zero contrast (no solve: transfer and protocol)", parallel, problem, zero, reps,
                    parallel.workerProcesses());
        }
    }

    private static void report(String label, Operator op, ScatteringProblem problem, double[] x, int reps,
            List<ProcessHandle> workers) {
        Random rng = new Random(ScatteringProblem.SEED);
        double[] h = op.domain().randn(rng);
        double[] y = op.codomain().randn(rng);
        Operator derivative = op.linearize(x).derivative();
        for (int r = 0; r < reps; r++) {
            derivative.apply(h);
            derivative.adjoint().apply(y);
        }
        double[] forward = new double[reps];
        double[] adjoint = new double[reps];
        long cpu0 = cpuNanos(workers);
        long thread0 = THREADS.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            derivative.apply(h);
            long t1 = System.nanoTime();
            derivative.adjoint().apply(y);
            long t2 = System.nanoTime();
            forward[r] = (t1 - t0) / 1e6;
            adjoint[r] = (t2 - t1) / 1e6;
        }
        double threadCpu = (THREADS.getCurrentThreadCpuTime() - thread0) / 1e6 / (2.0 * reps);
        String cpu = String.format(Locale.ROOT, "; CPU per call: this thread %.2f ms", threadCpu)
                + (workers.isEmpty() ? "" : String.format(Locale.ROOT, ", workers %.2f ms (all)",
                        (cpuNanos(workers) - cpu0) / 1e6 / (2.0 * reps)));
        System.out.printf(Locale.ROOT, "  %-58s wall %6.2f / %6.2f%s%n", label, median(forward), median(adjoint), cpu);
    }

    private static long cpuNanos(List<ProcessHandle> processes) {
        long sum = 0;
        for (ProcessHandle p : processes) {
            sum += p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
