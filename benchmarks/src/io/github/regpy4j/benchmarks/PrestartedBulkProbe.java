package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Bulk vectors on prestarted workers: a user operator ({@code UserIdentity}: returns fresh arrays,
 * no {@code evaluateInto}) on 1e6 doubles per worker, 4 workers, served by workers that a {@link
 * ParallelExecutionManager} prestarted. A prestarted worker is started for small vectors (the
 * serial collector, {@code DefaultCollector}), since its operators are not known yet.
 *
 * <p>Four ways, alternating in each round, each in a scope of its own:
 * <ul>
 *   <li>{@code prestarted, no pretenuring}: {@code -XX:PretenureSizeThreshold=0} as a worker flag
 *       (the user's flags come last and win), the serial worker before session 17;
 *   <li>{@code prestarted}: the default, the serial collector putting vectors of 4 MiB or more
 *       straight into its old generation;
 *   <li>{@code fresh}: no prestart; the workers start for the operator's 8 MB vectors (G1);
 *   <li>{@code fresh, -XX:+UseSerialGC -Xms128m}: no prestart, the serial collector of the user's
 *       choosing, without the runtime's pretenuring, as the Harness's A/B runs give it.
 * </ul>
 * Per way and round: the median wall time of a call, over {@code calls} calls of each kind
 * (apply, derivative, adjoint, interleaved), after {@code calls} unmeasured ones. Printed: each
 * round, then per way the median over the rounds.
 *
 * <pre>
 * java -cp CP io.github.regpy4j.benchmarks.PrestartedBulkProbe [rounds=3] [calls=15]
 * </pre>
 */
public final class PrestartedBulkProbe {

    private static final int WORKERS = 4;
    private static final int N = 1_000_000;
    private static final long SEED = 20261206L;
    private static final String[] WAYS = {"prestarted, no pretenuring", "prestarted", "fresh (G1)",
        "fresh, -XX:+UseSerialGC -Xms128m"};
    private static final String[] KINDS = {"apply", "derivative", "adjoint"};

    private PrestartedBulkProbe() {}

    /**
     * @param args rounds and calls per kind, as above
     * @throws Exception if a worker cannot start
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        VectorSpace space = VectorSpace.real(N);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            ops.add(new BenchOperators.UserIdentity(space));
        }
        Random rng = new Random(SEED);
        double[] x = space.randn(rng);
        double[] y = new double[WORKERS * N];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextGaussian();
        }
        double[][][] perCall = new double[WAYS.length][KINDS.length][rounds];
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            for (int w = 0; w < WAYS.length; w++) {
                double[] t = measure(w, ops, x, y, calls);
                line.append(String.format(Locale.ROOT, " | %s: apply %.1f, derivative %.1f, adjoint %.1f ms", WAYS[w],
                        t[0], t[1], t[2]));
                for (int k = 0; k < KINDS.length; k++) {
                    perCall[w][k][r] = t[k];
                }
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "medians over %d rounds, ms per call (1e6 doubles to each of %d workers):%n", rounds,
                WORKERS);
        for (int w = 0; w < WAYS.length; w++) {
            System.out.printf(Locale.ROOT, "  %-28s apply %6.1f  derivative %6.1f  adjoint %6.1f%n", WAYS[w],
                    Stats.median(perCall[w][0]), Stats.median(perCall[w][1]), Stats.median(perCall[w][2]));
        }
    }

    private static double[] measure(int way, List<Operator> ops, double[] x, double[] y, int calls) throws Exception {
        WorkerOptions options = switch (way) {
            case 0 -> WorkerOptions.defaults().withJvmArgs(List.of("-XX:PretenureSizeThreshold=0"));
            case 3 -> WorkerOptions.defaults().withJvmArgs(List.of("-XX:+UseSerialGC", "-Xms128m"));
            default -> WorkerOptions.defaults();
        };
        int prestart = way >= 2 ? 0 : WORKERS;
        try (ParallelExecutionManager m = ParallelExecutionManager.builder().prestart(prestart).prestartOptions(options)
                .build()) {
            if (prestart > 0) {
                Thread.sleep(2000); // booted, as while a user's problem is built
            }
            try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                Operator derivative = p.linearize(x).derivative();
                Operator adjoint = derivative.adjoint();
                double[][] t = new double[KINDS.length][calls];
                for (int c = -calls; c < calls; c++) {
                    long t0 = System.nanoTime();
                    double[] a = p.apply(x);
                    long t1 = System.nanoTime();
                    double[] d = derivative.apply(x);
                    long t2 = System.nanoTime();
                    double[] s = adjoint.apply(y);
                    long t3 = System.nanoTime();
                    if (a.length != y.length || d.length != y.length || s.length != x.length) {
                        throw new IllegalStateException("wrong lengths " + Arrays.asList(a.length, d.length, s.length));
                    }
                    if (c >= 0) {
                        t[0][c] = (t1 - t0) / 1e6;
                        t[1][c] = (t2 - t1) / 1e6;
                        t[2][c] = (t3 - t2) / 1e6;
                    }
                }
                return new double[] {Stats.median(t[0]), Stats.median(t[1]), Stats.median(t[2])};
            }
        }
    }
}
