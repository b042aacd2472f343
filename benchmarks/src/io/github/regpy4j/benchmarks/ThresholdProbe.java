package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Exponential;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Where shared memory starts to pay: the same operators (N workers of {@code exp} on n doubles)
 * behind several shared-memory thresholds, side by side in rotating order, each repetition an
 * apply, a linearize and an adjoint of the derivative. Chose the default of {@link
 * WorkerOptions#DEFAULT_SHARED_MEMORY_THRESHOLD}.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.ThresholdProbe \
 *     -Dexec.programArgs="20000 8 61 pipe 1048576 16384"
 * </pre>
 * Arguments: doubles, workers, repetitions, then thresholds in bytes ({@code pipe}: none).
 */
public final class ThresholdProbe {

    private static final long SEED = 20261127L;

    private ThresholdProbe() {}

    /** @param args doubles, workers, repetitions, thresholds */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        VectorSpace space = VectorSpace.real(n);
        Random rng = new Random(SEED);
        double[] x = space.randn(rng);
        double[] y = VectorSpace.real(n * workers).randn(rng);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ops.add(new Exponential(space));
        }
        List<String> names = List.of(args).subList(3, args.length);
        List<ParallelVectorOfOperators> groups = new ArrayList<>();
        try {
            for (String t : names) {
                groups.add(new ParallelVectorOfOperators(ops, t.equals("pipe") ? WorkerOptions.defaults().withoutSharedMemory()
                        : WorkerOptions.defaults().withSharedMemoryThreshold(Long.parseLong(t))));
            }
            for (int i = 0; i < 200; i++) {
                for (ParallelVectorOfOperators p : groups) {
                    round(p, x, y);
                }
            }
            double[][] t = new double[groups.size()][reps];
            for (int r = 0; r < reps; r++) {
                for (int j = 0; j < groups.size(); j++) {
                    int k = (j + r) % groups.size();
                    long t0 = System.nanoTime();
                    round(groups.get(k), x, y);
                    t[k][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
            for (int j = 0; j < groups.size(); j++) {
                System.out.printf(Locale.ROOT, "%d doubles, %d workers, threshold %s: %s ms per apply + linearize + adjoint%n",
                        n, workers, names.get(j), Stats.of(t[j]).format("%.2f"));
            }
        } finally {
            for (ParallelVectorOfOperators p : groups) {
                p.close();
            }
        }
    }

    private static void round(ParallelVectorOfOperators p, double[] x, double[] y) {
        p.apply(x);
        Linearization l = p.linearize(x);
        l.derivative().adjoint().apply(y);
    }
}
