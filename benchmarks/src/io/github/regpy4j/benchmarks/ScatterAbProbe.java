package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Side-by-side comparison of worker flag sets on the scatter figure: one vector to N identity
 * workers and back, for each flag set and for the raw pipelined round trip, in rotating order
 * within every repetition, so that the machine's load hits all alike. Prints, per flag set, the
 * median time, the median of the per-repetition ratios to raw, and the workers' CPU per call.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.ScatterAbProbe \
 *     -Dexec.programArgs="1000000 4 41 - '-XX:G1ConcRefinementGreenZone=2000'"
 * </pre>
 * Arguments: doubles, workers, repetitions, then one argument per flag set (flags separated by
 * spaces; {@code -} is the defaults). {@code -Dprobe.user=true} takes a user's operator (a fresh
 * result, no {@code evaluateInto}) instead of {@code Identity}.
 */
public final class ScatterAbProbe {

    private static final long SEED = 20261127L;

    private ScatterAbProbe() {}

    /** @param args doubles, workers, repetitions, flag sets */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        List<List<String>> variants = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String s = args[i].trim();
            variants.add(s.isEmpty() || s.equals("-") ? List.of() : Arrays.asList(s.split("\\s+")));
        }
        if (variants.isEmpty()) {
            variants.add(List.of());
        }
        VectorSpace space = VectorSpace.real(n);
        double[] x = space.randn(new Random(SEED));
        List<Operator> ops = new ArrayList<>();
        // -Dprobe.user=true: an operator as users write them (a fresh result, no evaluateInto).
        boolean user = Boolean.getBoolean("probe.user");
        for (int i = 0; i < workers; i++) {
            ops.add(user ? new BenchOperators.UserIdentity(space) : new Identity(space));
        }
        List<ParallelVectorOfOperators> groups = new ArrayList<>();
        try (RawChildren raw = new RawChildren(workers, List.of())) {
            for (List<String> v : variants) {
                groups.add(new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withJvmArgs(v)));
            }
            raw.pingAll();
            for (int i = 0; i < 20; i++) {
                raw.roundTripAll(x);
                for (ParallelVectorOfOperators p : groups) {
                    p.apply(x);
                }
            }
            int k = groups.size();
            double[][] t = new double[k + 1][reps];
            double[] cpu = new double[k];
            for (int r = 0; r < reps; r++) {
                for (int j = 0; j <= k; j++) {
                    int which = (j + r) % (k + 1);
                    if (which == k) {
                        long t0 = System.nanoTime();
                        raw.roundTripAll(x);
                        t[k][r] = (System.nanoTime() - t0) / 1e6;
                    } else {
                        ParallelVectorOfOperators p = groups.get(which);
                        double c0 = Harness.cpuMillis(p.workerProcesses());
                        long t0 = System.nanoTime();
                        p.apply(x);
                        t[which][r] = (System.nanoTime() - t0) / 1e6;
                        cpu[which] += Harness.cpuMillis(p.workerProcesses()) - c0;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "raw: %.1f ms%n", Stats.median(t[k]));
            for (int j = 0; j < k; j++) {
                double[] ratio = new double[reps];
                for (int r = 0; r < reps; r++) {
                    ratio[r] = t[j][r] / t[k][r];
                }
                System.out.printf(Locale.ROOT, "%-60s %.1f ms, ratio %s, workers' CPU %.1f ms per call%n",
                        variants.get(j).isEmpty() ? "(defaults)" : String.join(" ", variants.get(j)), Stats.median(t[j]),
                        Stats.of(ratio).format("%.2f"), cpu[j] / reps);
            }
        } finally {
            for (ParallelVectorOfOperators p : groups) {
                p.close();
            }
        }
    }
}
