package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How a latency-bound call depends on where the worker lands: rounds of a fresh worker applying
 * the identity to 1e3 doubles, real then complex, each printed as the median and 10th/90th
 * percentiles of 2000 calls after 3000 warm-up calls. A worker sharing the parent's core answers
 * in 20–35 µs, one on the other core in 75–100 µs (ANCHORS.md: a wake-up across cores).
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.SmallProbe -Dexec.programArgs=4
 * </pre>
 */
public final class SmallProbe {

    private static final long SEED = 20261127L;

    private SmallProbe() {}

    /** @param args the number of rounds (default 4) */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        for (int round = 0; round < rounds; round++) {
            for (boolean complex : new boolean[] {false, true}) {
                VectorSpace space = complex ? VectorSpace.complex(500) : VectorSpace.real(1000);
                double[] x = space.randn(new Random(SEED));
                try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(List.of(new Identity(space)))) {
                    for (int i = 0; i < 3000; i++) {
                        p.apply(x);
                    }
                    double[] t = new double[2000];
                    for (int i = 0; i < t.length; i++) {
                        long t0 = System.nanoTime();
                        p.apply(x);
                        t[i] = (System.nanoTime() - t0) / 1e3;
                    }
                    Arrays.sort(t);
                    System.out.printf("round %d, %s: median %.1f µs, 10th percentile %.1f, 90th %.1f%n", round,
                            complex ? "complex" : "real", t[t.length / 2], t[t.length / 10], t[9 * t.length / 10]);
                }
            }
        }
    }
}
