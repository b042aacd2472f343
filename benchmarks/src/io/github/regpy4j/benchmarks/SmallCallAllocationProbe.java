package io.github.regpy4j.benchmarks;

import com.sun.management.ThreadMXBean;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.vecsps.VectorSpace;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What an 8-double call costs the calling thread: bytes allocated and CPU per call, over 100,000
 * warm {@code apply} and then derivative calls to one worker ({@link BenchOperators.Square}), the
 * result a fresh array each time as a user's loop gets it. The wall time per call is printed too;
 * it depends on where the scheduler puts the worker (see "How it measures" in BENCHMARKS.md), the
 * allocation does not.
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.SmallCallAllocationProbe
 * </pre>
 */
public final class SmallCallAllocationProbe {

    private static final int WARM = 50_000;
    private static final int CALLS = 100_000;

    private SmallCallAllocationProbe() {}

    /**
     * @param args none
     * @throws Exception if the worker cannot start
     */
    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        VectorSpace space = VectorSpace.real(8);
        try (ParallelVectorOfOperators op = new ParallelVectorOfOperators(List.of(new BenchOperators.Square(space)))) {
            double[] x = space.randn(new Random(20261206L));
            for (int i = 0; i < WARM; i++) {
                op.apply(x);
            }
            report("apply", threads, () -> op.apply(x));
            Linearization l = op.linearize(x);
            for (int i = 0; i < WARM; i++) {
                l.derivative().apply(x);
            }
            report("derivative", threads, () -> l.derivative().apply(x));
        }
    }

    private static void report(String what, ThreadMXBean threads, Runnable call) {
        long id = Thread.currentThread().getId();
        long bytes = threads.getThreadAllocatedBytes(id);
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        System.out.printf(Locale.ROOT, "%-10s %4d bytes per call, this thread's CPU %.2f µs per call, wall %.2f µs per call%n",
                what, (threads.getThreadAllocatedBytes(id) - bytes) / CALLS,
                (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / CALLS, (System.nanoTime() - wall) / 1e3 / CALLS);
    }
}
