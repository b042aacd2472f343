package io.github.regpy4j.benchmarks;

import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How a fresh worker's calls speed up as its JIT compiles them: three fresh workers in turn, each
 * timed over 12 blocks of 1000 calls of {@code linearize} plus the adjoint of the derivative (two
 * round trips on 8 doubles); printed is, per block, the median over the workers of the block
 * medians. For A/B runs of worker flags, e.g. the compile thresholds:
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.WarmupProbe \
 *     -Dexec.programArgs=-XX:CompileThresholdScaling=1
 * </pre>
 * Arguments: worker JVM flags.
 */
public final class WarmupProbe {

    private static final long SEED = 20261127L;
    private static final int WORKERS = 3;
    private static final int BLOCKS = 12;
    private static final int CALLS_PER_BLOCK = 1000;

    private WarmupProbe() {}

    /** @param args worker JVM flags */
    public static void main(String[] args) {
        List<String> jvm = Arrays.asList(args);
        VectorSpace space = VectorSpace.real(8);
        double[] x = space.randn(new Random(SEED));
        double[][] medians = new double[BLOCKS][WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(List.of(new BenchOperators.Square(space)),
                    WorkerOptions.defaults().withJvmArgs(jvm))) {
                for (int b = 0; b < BLOCKS; b++) {
                    double[] t = new double[CALLS_PER_BLOCK];
                    for (int i = 0; i < t.length; i++) {
                        long t0 = System.nanoTime();
                        p.linearize(x).derivative().adjoint().apply(x);
                        t[i] = (System.nanoTime() - t0) / 1e3;
                    }
                    medians[b][w] = Stats.median(t);
                }
            }
        }
        StringBuilder s = new StringBuilder("flags " + jvm + ": µs per linearize + adjoint, by block of "
                + CALLS_PER_BLOCK + " calls:");
        for (double[] m : medians) {
            s.append(String.format(" %.0f", Stats.median(m)));
        }
        System.out.println(s);
    }
}
