package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.scattering.MediumScattering;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * Time per call of {@link MediumScattering} at the example's size, warm, in one JVM: forward
 * value, linearization, derivative, adjoint of the derivative (median of the repetitions), and
 * per incident direction. With a worker count {@code K > 0}, the same calls on the directions split
 * among {@code K} workers by {@code ParallelVectorOfOperators}, beside the sizes that cross the
 * pipes, to split a call's cost into solve time and transfer.
 *
 * <pre>
 * mvn -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.ScatteringProbe \
 *     -Dexec.programArgs="64 16 15 2"
 * </pre>
 * Arguments: grid size N, directions (incident = far-field), repetitions, workers K (0: none).
 */
public final class ScatteringProbe {

    private static final long SEED = 20261205L;

    private ScatteringProbe() {}

    /** @param args grid size, directions, repetitions, workers */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int directions = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        long t0 = System.nanoTime();
        MediumScattering op = MediumScattering.fixed(new int[] {n, n}, 1.0, 1.0,
                MediumScattering.circleDirections(directions), MediumScattering.circleDirections(directions));
        System.out.printf("%s: built in %.1f ms; support %d of %d points%n", op, (System.nanoTime() - t0) / 1e6,
                count(op.support()), n * n);
        double[] x = exampleContrast(op);
        System.out.printf("sizes: argument %d doubles (%d KiB), value %d doubles (%d KiB)%n", op.domain().realSize(),
                op.domain().realSize() * 8 / 1024, op.codomain().realSize(), op.codomain().realSize() * 8 / 1024);
        report("one JVM", op, x, reps, directions);
        if (workers > 0) {
            // what one worker computes, here: the solve time of a parallel call, without transfer
            MediumScattering part = op.splitIncidentDirections(workers).get(0);
            report("one JVM, the " + part.incidentDirections().length + " directions of worker 1 alone", part, x, reps,
                    part.incidentDirections().length);
            try (ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(op.splitIncidentDirections(workers))) {
                report(workers + " workers", parallel, x, reps, directions);
            }
        }
    }

    /** The contrast of regpy's example: {@code exp(−1/(r − |x|²))} inside the disc, plus a phase. */
    private static double[] exampleContrast(MediumScattering op) {
        int n = op.gridShape()[0];
        double r = op.radius();
        double h = 4 * r / n;
        double[] x = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double a = i * h - 2 * r;
                double b = k * h - 2 * r;
                double d = Math.sqrt(a * a + b * b);
                if (d < r) {
                    x[2 * (i * n + k)] = Math.exp(-1 / (r - d * d));
                    x[2 * (i * n + k) + 1] = 0.2 * a * Math.exp(-1 / (r - d * d));
                }
            }
        }
        return x;
    }

    private static void report(String label, Operator op, double[] x, int reps, int directions) {
        Random rng = new Random(SEED);
        double[] h = op.domain().randn(rng);
        double[] y = op.codomain().randn(rng);
        for (int i = 0; i < 3; i++) { // warm-up
            Linearization lin = op.linearize(x);
            lin.derivative().apply(h);
            lin.derivative().adjoint().apply(y);
        }
        // wall time, and the CPU time of this thread (all of the work in one JVM; a loaded
        // machine stretches the first, hardly the second)
        double[][] wall = new double[4][reps];
        double[][] cpu = new double[4][reps];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            long[] w = new long[5];
            long[] c = new long[5];
            w[0] = System.nanoTime();
            c[0] = threads.getCurrentThreadCpuTime();
            op.apply(x);
            w[1] = System.nanoTime();
            c[1] = threads.getCurrentThreadCpuTime();
            Linearization lin = op.linearize(x);
            w[2] = System.nanoTime();
            c[2] = threads.getCurrentThreadCpuTime();
            lin.derivative().apply(h);
            w[3] = System.nanoTime();
            c[3] = threads.getCurrentThreadCpuTime();
            lin.derivative().adjoint().apply(y);
            w[4] = System.nanoTime();
            c[4] = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < 4; k++) {
                wall[k][r] = (w[k + 1] - w[k]) / 1e6;
                cpu[k][r] = (c[k + 1] - c[k]) / 1e6;
            }
        }
        System.out.printf("%s, median of %d (ms; per incident direction in brackets; cpu = this thread's):%n", label,
                reps);
        String[] names = {"apply", "linearize", "derivative", "adjoint"};
        for (int k = 0; k < 4; k++) {
            line(names[k], wall[k], cpu[k], directions);
        }
    }

    private static void line(String what, double[] wallMs, double[] cpuMs, int directions) {
        double wall = median(wallMs);
        double cpu = median(cpuMs);
        System.out.printf("  %-10s wall %8.2f [%6.3f] (min %7.2f)   cpu %8.2f [%6.3f]%n", what, wall, wall / directions,
                Arrays.stream(wallMs).min().orElse(0), cpu, cpu / directions);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
