package io.github.regpy4j.benchmarks;

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
 * How a fresh worker's 8-double call approaches the raw round trip as its JIT warms up: after
 * 2 000, 5 000, 10 000 … 160 000 calls, a block of 300 calls alternating with the raw echo to as
 * many children, the ratio of the two blocks' medians. Unpinned, as users run: the raw figure
 * itself moves with the scheduler's placement (16 or 26 µs at N = 1 on session 16's machine).
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.WarmCurveProbe 1 -
 * java -cp $CP io.github.regpy4j.benchmarks.WarmCurveProbe 4 "-XX:CompileThresholdScaling=1"
 * </pre>
 * Arguments: workers, then the workers' extra flags as one argument ({@code -} for none).
 */
public final class WarmCurveProbe {

    private static final long SEED = 20261206L;
    private static final int[] CHECKPOINTS = {2_000, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000};
    private static final int BLOCK = 300;

    private WarmCurveProbe() {}

    /** @param args workers, flags */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int n = Integer.parseInt(args[0]);
        List<String> flags = args.length > 1 && !args[1].equals("-") ? Arrays.asList(args[1].trim().split("\\s+")) : List.of();
        VectorSpace space = VectorSpace.real(8);
        double[] x = space.randn(new Random(SEED));
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new BenchOperators.Square(space));
        }
        try (RawChildren raw = new RawChildren(n, List.of());
                ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, WorkerOptions.defaults().withJvmArgs(flags))) {
            int done = 0;
            StringBuilder line = new StringBuilder();
            for (int checkpoint : CHECKPOINTS) {
                while (done < checkpoint - BLOCK) {
                    raw.pingAll();
                    p.apply(x);
                    done++;
                }
                double[] rawUs = new double[BLOCK];
                double[] runtimeUs = new double[BLOCK];
                for (int i = 0; i < BLOCK; i++) {
                    long t0 = System.nanoTime();
                    raw.pingAll();
                    long t1 = System.nanoTime();
                    p.apply(x);
                    rawUs[i] = (t1 - t0) / 1e3;
                    runtimeUs[i] = (System.nanoTime() - t1) / 1e3;
                }
                done += BLOCK;
                line.append(String.format(Locale.ROOT, " %dk: %.2f (%.0f/%.0f µs)", checkpoint / 1000,
                        Stats.median(runtimeUs) / Stats.median(rawUs), Stats.median(runtimeUs), Stats.median(rawUs)));
            }
            System.out.println("N=" + n + " flags " + flags + ", runtime/raw after k calls:" + line);
        }
    }
}
