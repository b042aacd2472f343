package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Does a worker pay? A cost model of one parallel call, calibrated and then checked in the same run.
 *
 * <p>The model: {@code N} operators of {@code t} seconds each, on vectors of {@code n} doubles,
 * evaluated by {@code k} worker JVMs on {@code P} cores, cost
 *
 * <pre>
 *   sequential:  T_seq = N·t
 *   parallel:    T_par = c₀ + β·B + ⌈N / k_eff⌉·t        k_eff = min(k, P)
 * </pre>
 *
 * <p>where {@code B = 8·n·(1 + N)} bytes cross between the processes (the argument once, one
 * result per operator), {@code c₀} is the fixed cost of a call (the wake-ups of a round trip) and
 * {@code β} the time per byte moved (its copies, through shared memory or the pipes). A worker pays
 * when {@code T_par < T_seq}, that is when
 *
 * <pre>
 *   t  >  (c₀ + β·B) / (N − ⌈N / k_eff⌉)
 * </pre>
 *
 * <p>Calibration: {@code c₀} from operators that do nothing on 8 doubles, {@code β} from operators
 * that only copy on 10⁶ doubles (their own copy is {@code t}, measured sequentially). Check: a grid
 * of operator times and vector sizes, each measured sequentially and in parallel, side by side,
 * against the prediction. The operator is {@link BenchOperators.Spin} (a fresh result array, no
 * {@code evaluateInto}: as users write operators).
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.CostModelProbe \
 *     -Dexec.programArgs="4 2 9"
 * </pre>
 * Arguments: operators N, workers k, repetitions per point.
 */
public final class CostModelProbe {

    private static final long SEED = 20261206L;
    private static final int WARMUP_CALLS = 5;

    private CostModelProbe() {}

    /** What was measured at one point: the median sequential and parallel call. */
    private record Point(double seqSeconds, double parSeconds) {}

    /** @param args operators N, workers k, repetitions */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        int cores = Runtime.getRuntime().availableProcessors();
        int effective = Math.min(workers, cores);
        int blocks = (count + effective - 1) / effective;
        double secondsPerIteration = calibrateSpin();
        System.out.printf(Locale.ROOT, "N = %d operators, k = %d workers, P = %d cores; Spin: %.3f ns per iteration%n",
                count, workers, cores, secondsPerIteration * 1e9);

        Point tiny = measure(count, workers, 8, 0, reps);
        double c0 = tiny.parSeconds() - blocks * tiny.seqSeconds() / count;
        Point bulk = measure(count, workers, 1_000_000, 0, reps);
        double bulkBytes = 8.0 * 1_000_000 * (1 + count);
        double beta = (bulk.parSeconds() - c0 - blocks * bulk.seqSeconds() / count) / bulkBytes;
        System.out.printf(Locale.ROOT, "calibrated: c0 = %.1f µs per call, β = %.3f ns per byte (%.2f GB/s)%n",
                c0 * 1e6, beta * 1e9, 1e-9 / beta);

        System.out.println();
        System.out.println("| operator time t (measured) | doubles n | T_seq | T_par measured | T_par predicted | speedup measured | speedup predicted | pays (measured / predicted) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double[] times = {1e-4, 1e-3, 1e-2};
        int[] sizes = {1_000, 100_000, 1_000_000};
        int agree = 0;
        int total = 0;
        for (double t : times) {
            long iterations = Math.round(t / secondsPerIteration);
            for (int n : sizes) {
                Point p = measure(count, workers, n, iterations, reps);
                double perOperator = p.seqSeconds() / count;
                double predicted = c0 + beta * 8.0 * n * (1 + count) + blocks * perOperator;
                boolean paysMeasured = p.parSeconds() < p.seqSeconds();
                boolean paysPredicted = predicted < p.seqSeconds();
                agree += paysMeasured == paysPredicted ? 1 : 0;
                total++;
                System.out.printf(Locale.ROOT, "| %s | %,d | %.2f ms | %.2f ms | %.2f ms | %.2f× | %.2f× | %s / %s |%n",
                        ms(perOperator), n, p.seqSeconds() * 1e3, p.parSeconds() * 1e3, predicted * 1e3,
                        p.seqSeconds() / p.parSeconds(), p.seqSeconds() / predicted, yes(paysMeasured), yes(paysPredicted));
            }
        }
        System.out.printf(Locale.ROOT, "%nthe model predicted whether a worker pays at %d of %d points%n", agree, total);
        System.out.printf(Locale.ROOT, "break-even operator time: n = 1e3: %.3f ms, 1e5: %.3f ms, 1e6: %.3f ms%n",
                breakEven(c0, beta, 1_000, count, blocks) * 1e3, breakEven(c0, beta, 100_000, count, blocks) * 1e3,
                breakEven(c0, beta, 1_000_000, count, blocks) * 1e3);
    }

    private static double breakEven(double c0, double beta, int n, int count, int blocks) {
        return count == blocks ? Double.POSITIVE_INFINITY : (c0 + beta * 8.0 * n * (1 + count)) / (count - blocks);
    }

    private static String ms(double seconds) {
        return seconds >= 1e-3 ? String.format(Locale.ROOT, "%.0f ms", seconds * 1e3)
                : String.format(Locale.ROOT, "%.1f ms", seconds * 1e3);
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    /** Seconds per iteration of {@link BenchOperators.Spin#burn}, warm, median of several timings. */
    private static double calibrateSpin() {
        long iterations = 20_000_000L;
        double[] t = new double[7];
        double sink = 0;
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            sink += BenchOperators.Spin.burn(r, iterations);
            t[r] = (System.nanoTime() - t0) / 1e9 / iterations;
        }
        if (sink == 42) {
            System.out.println(sink);
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    /**
     * The median sequential and parallel call of {@code count} Spin operators on {@code n} doubles,
     * measured alternately (sequential, parallel, sequential, …) so both see the same machine.
     */
    private static Point measure(int count, int workers, int n, long iterations, int reps) {
        VectorSpace space = VectorSpace.real(n);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ops.add(new BenchOperators.Spin(space, iterations));
        }
        double[] x = space.randn(new Random(SEED));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        double[] seq = new double[reps];
        double[] par = new double[reps];
        try (ParallelVectorOfOperators parallel = new ParallelVectorOfOperators(ops,
                WorkerOptions.defaults().withMaxWorkers(workers))) {
            for (int w = 0; w < WARMUP_CALLS; w++) {
                sequential.apply(x);
                parallel.apply(x);
            }
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                sequential.apply(x);
                long t1 = System.nanoTime();
                parallel.apply(x);
                long t2 = System.nanoTime();
                seq[r] = (t1 - t0) / 1e9;
                par[r] = (t2 - t1) / 1e9;
            }
        }
        return new Point(median(seq), median(par));
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
