package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Start and warm-up of workers on this JVM's JDK with its worker archive (issue 12, item 4): on
 * JDK 24+ the AOT cache with method profiles, on 17 the AppCDS archive, or none. Per repetition,
 * one line: the wall time until 8 cold workers answered their handshake, and the wall time of a
 * fresh worker's first 1000 small calls ({@code linearize} plus the adjoint of the derivative, 8
 * doubles: two round trips each). {@code benchmarks/archive-start.sh} runs it on JDK 17 and 25
 * in turn and takes the medians.
 *
 * <p>Arguments: repetitions, {@code true}/{@code false} for the archive.
 */
public final class ArchiveProbe {

    private static final long SEED = 20261205L;
    private static final int WORKERS = 8;
    private static final int CALLS = 1000;

    private ArchiveProbe() {}

    /** @param args repetitions, whether to use the archive */
    public static void main(String[] args) {
        int reps = Integer.parseInt(args[0]);
        boolean archive = Boolean.parseBoolean(args[1]);
        VectorSpace space = VectorSpace.real(8);
        WorkerOptions options = WorkerOptions.defaults().withClassDataSharing(archive);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            ops.add(new BenchOperators.Square(space));
        }
        double[] x = space.randn(new Random(SEED));
        try (ParallelVectorOfOperators warm = new ParallelVectorOfOperators(ops.subList(0, 1), options)) {
            warm.apply(x); // records the archive if needed; the parent's own classes and the page cache
        }
        String kind = !archive ? "none" : Runtime.version().feature() >= 24 ? "AOT cache" : "AppCDS";
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            try (ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
                double start = (System.nanoTime() - t0) / 1e6;
                p.close();
                try (ParallelVectorOfOperators one = new ParallelVectorOfOperators(ops.subList(0, 1), options)) {
                    long t1 = System.nanoTime();
                    for (int i = 0; i < CALLS; i++) {
                        one.linearize(x).derivative().adjoint().apply(x);
                    }
                    double first = (System.nanoTime() - t1) / 1e6;
                    System.out.printf("jdk=%d archive=%s start8_ms=%.0f first1000_ms=%.0f%n", Runtime.version().feature(),
                            kind.replace(' ', '_'), start, first);
                }
            }
        }
    }
}
