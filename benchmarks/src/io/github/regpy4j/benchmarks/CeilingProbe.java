package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.WorkerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What this machine allows a parallel flagship at best: one derivative and one adjoint (a CG
 * step's calls), warm, evaluated three ways in alternation,
 *
 * <ol>
 *   <li>sequentially in this JVM ({@link VectorOfOperators} over all operators: the baseline);</li>
 *   <li>by {@code k} threads of this JVM, each evaluating one contiguous block of the operators
 *       on copies of its own, with no copying, no pipes and nothing summed or joined: the ceiling
 *       that any runtime, threads or processes, can reach on these cores;</li>
 *   <li>by {@code k} worker JVMs of regpy4j (grouped, the same blocks).</li>
 * </ol>
 *
 * Medians over the alternating rounds. Since the three share every minute of the run, what the
 * machine does meanwhile (other tenants of the host, frequency) weighs on all three alike, and
 * the ratios hold where absolute times swing. The threads' figure is the one to hold the workers'
 * against: the distance between them is what the runtime costs, the distance between the threads
 * and {@code k} is what the hardware does not give.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.CeilingProbe \
 *     -Dexec.programArgs="scattering 64 16 2 40 100"
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.CeilingProbe \
 *     -Dexec.programArgs="mri 160 10 2 40 100"
 * </pre>
 * Arguments: {@code scattering} or {@code mri}, grid size, directions or coils, {@code k},
 * warm-up rounds, measured rounds, and optionally {@code zero} to linearize at zero (where the
 * scattering example's IRGNM starts and every GMRES solve ends at once).
 */
public final class CeilingProbe {

    private static final long SEED = 20261206L;

    private CeilingProbe() {}

    /**
     * @param args flagship, size, directions or coils, workers, warm-up rounds, measured rounds
     * @throws Exception if a thread or a worker fails
     */
    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "scattering";
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int parts = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        int reps = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        boolean atZero = args.length > 6 && args[6].equals("zero");
        Flagship flagship = Flagship.named(which, size, parts, k);
        List<Operator> seqOps = flagship.operators();
        Operator sequential = flagship.block(seqOps, 0, seqOps.size());
        List<Operator> blocks = flagship.blocks(k);
        double[] x = flagship.point();
        if (atZero) {
            x = new double[x.length];
        }
        Random rng = new Random(SEED);
        double[] h = sequential.domain().randn(rng);
        double[] y = sequential.codomain().randn(rng);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        // The manager closes the workers' operator, and with it its workers, at the end.
        try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
            Operator workers = flagship.workers(flagship.operators(), WorkerOptions.defaults().withMaxWorkers(k));
            Linearization ls = sequential.linearize(x);
            Linearization lw = workers.linearize(x);
            List<Linearization> lt = new ArrayList<>();
            for (Operator b : blocks) {
                lt.add(b.linearize(x));
            }
            double[][] t = new double[3][reps];
            for (int r = -warmUp; r < reps; r++) {
                double s = pair(ls, h, y);
                double th = threadedPair(pool, lt, blocks, h, y);
                double w = pair(lw, h, y);
                if (r >= 0) {
                    t[0][r] = s;
                    t[1][r] = th;
                    t[2][r] = w;
                }
            }
            double s = Stats.median(t[0]);
            double th = Stats.median(t[1]);
            double w = Stats.median(t[2]);
            System.out.printf(Locale.ROOT, "%s %dx%d%s, %d operators, k = %d (%d processors); derivative + adjoint, "
                    + "median of %d alternating rounds after %d:%n", which, size, size, atZero ? " at zero" : "",
                    seqOps.size(), k,
                    Runtime.getRuntime().availableProcessors(), reps, warmUp);
            System.out.printf(Locale.ROOT, "  sequential %.2f ms | %d threads %.2f ms (speed-up %.2f) | "
                    + "%d workers %.2f ms (speed-up %.2f, %.2f of the threads' speed-up)%n", s, k, th, s / th, k, w,
                    s / w, th / w);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double pair(Linearization l, double[] h, double[] y) {
        long t0 = System.nanoTime();
        l.derivative().apply(h);
        l.derivative().adjoint().apply(y);
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Each thread applies its block's derivative and adjoint to its part of {@code h} and
     * {@code y}; nothing is joined, so this is the compute alone.
     */
    private static double threadedPair(ExecutorService pool, List<Linearization> lt, List<Operator> blocks,
            double[] h, double[] y) throws Exception {
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        int yAt = 0;
        for (int b = 0; b < lt.size(); b++) {
            Linearization l = lt.get(b);
            // Every block's domain is the whole domain (the contrast; MRI's joint density and coils).
            double[] hb = h;
            int len = blocks.get(b).codomain().zeros().length;
            double[] yb = Arrays.copyOfRange(y, yAt, yAt + len);
            yAt += len;
            done.add(pool.submit(() -> {
                l.derivative().apply(hb);
                l.derivative().adjoint().apply(yb);
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
