package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.scattering.MediumScattering;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
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
        double[] apply = new double[reps];
        double[] linearize = new double[reps];
        double[] derivative = new double[reps];
        double[] adjoint = new double[reps];
        for (int r = 0; r < reps; r++) {
            long a = System.nanoTime();
            op.apply(x);
            long b = System.nanoTime();
            Linearization lin = op.linearize(x);
            long c = System.nanoTime();
            lin.derivative().apply(h);
            long d = System.nanoTime();
            lin.derivative().adjoint().apply(y);
            long e = System.nanoTime();
            apply[r] = (b - a) / 1e6;
            linearize[r] = (c - b) / 1e6;
            derivative[r] = (d - c) / 1e6;
            adjoint[r] = (e - d) / 1e6;
        }
        System.out.printf("%s, median of %d (ms; per incident direction in brackets):%n", label, reps);
        line("apply", apply, directions);
        line("linearize", linearize, directions);
        line("derivative", derivative, directions);
        line("adjoint", adjoint, directions);
    }

    private static void line(String what, double[] ms, int directions) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double median = s[s.length / 2];
        System.out.printf("  %-10s %8.2f  [%6.3f]   min %8.2f  max %8.2f%n", what, median, median / directions, s[0],
                s[s.length - 1]);
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
