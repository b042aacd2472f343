package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A quick look at a cold start, for A/B runs of worker flags: N workers constructed until their
 * handshake, with the median wall time, the CPU each worker used until then and the parent's CPU.
 * The harness's startup suite measures the same against a baseline; this one only reports.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.StartProbe \
 *     -Dexec.programArgs="8 9 false -XX:CompileThresholdScaling=1"
 * </pre>
 * Arguments: workers, repetitions, whether to use the AppCDS archive, then worker JVM flags.
 */
public final class StartProbe {

    private StartProbe() {}

    /** @param args workers, repetitions, {@code true}/{@code false} for AppCDS, worker flags */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        boolean cds = Boolean.parseBoolean(args[2]);
        List<String> jvm = Arrays.asList(args).subList(3, args.length);
        VectorSpace space = VectorSpace.real(8);
        WorkerOptions options = WorkerOptions.defaults().withClassDataSharing(cds).withJvmArgs(jvm);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new BenchOperators.Square(space));
        }
        try (ParallelVectorOfOperators warm = new ParallelVectorOfOperators(ops, options)) {
            warm.apply(space.zeros()); // the page cache, the parent's JIT, and the archive if asked for
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[reps];
        double[] workerCpu = new double[reps];
        double[] parentCpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                wall[r] = (System.nanoTime() - t0) / 1e6;
                parentCpu[r] = (os.getProcessCpuTime() - c0) / 1e6;
                workerCpu[r] = Harness.cpuMillis(p.workerProcesses()) / n;
            }
        }
        System.out.printf("%d workers, AppCDS %s, flags %s: %.0f ms to handshake (min %.0f, max %.0f); CPU per worker"
                + " %.0f ms, parent %.0f ms (medians of %d)%n", n, cds, jvm, Stats.median(wall), min(wall), max(wall),
                Stats.median(workerCpu), Stats.median(parentCpu), reps);
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }
}
