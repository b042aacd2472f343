package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.vecsps.VectorSpace;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Where the time of an 8-double call to one worker goes: blocks of {@code apply}, {@code
 * linearize} and a raw 16-byte round trip in alternation, each with its wall time per call and the
 * CPU per call of the parent and of the child (from {@code /proc/<pid>/stat}, 10 ms ticks averaged
 * over the block), and the bytes the parent's thread allocates per call. A call that costs more CPU than the raw one on either side shows where the
 * extra microseconds go; a call that costs the same CPU but more wall time waits longer. With
 * {@code pinned}, the worker and the raw child are pinned to the same random core before each
 * block, as the harness's {@code percall} suite does ({@link Placement}). With {@code
 * -Dprobe.workers=N}, N workers and N raw children (default 1); the children's CPU is then the
 * sum over all of them.
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.PerCallCpuProbe [blocks] [calls per block] [pinned]
 * java -Dprobe.workers=8 -cp $CP io.github.regpy4j.benchmarks.PerCallCpuProbe 6 10000
 * </pre>
 */
public final class PerCallCpuProbe {

    private static final long SEED = 20261206L;

    private PerCallCpuProbe() {}

    /** @param args blocks (default 9), calls per block (default 50000), {@code pinned} */
    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        boolean pinned = args.length > 2 && args[2].equals("pinned");
        VectorSpace space = VectorSpace.real(8);
        double[] x = space.randn(new Random(SEED));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int workers = Integer.getInteger("probe.workers", 1);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ops.add(new BenchOperators.Square(space));
        }
        try (RawChildren raw = new RawChildren(workers, List.of());
                ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops)) {
            String[] what = {"raw", "apply", "linearize"};
            Runnable[] candidates = {
                () -> ping(raw), () -> p.apply(x), () -> {
                    Linearization l = p.linearize(x);
                    if (l.value().length != 8 * workers) {
                        throw new AssertionError("linearize returned " + l.value().length + " values, expected " + 8 * workers);
                    }
                }
            };
            for (int i = 0; i < 30_000; i++) {
                for (Runnable r : candidates) {
                    r.run();
                }
            }
            double[][] wall = new double[3][blocks];
            double[][] parent = new double[3][blocks];
            double[][] child = new double[3][blocks];
            double[][] bytes = new double[3][blocks];
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Placement placement = new Placement(new Random(SEED));
            for (int b = 0; b < blocks; b++) {
                if (pinned) {
                    placement.pinPairs(raw.handles(), p.workerProcesses());
                }
                for (int k = 0; k < 3; k++) {
                    List<ProcessHandle> kids = k == 0 ? raw.handles() : p.workerProcesses();
                    double c0 = Harness.cpuMillis(kids);
                    long p0 = os.getProcessCpuTime();
                    long a0 = threads.getCurrentThreadAllocatedBytes();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        candidates[k].run();
                    }
                    wall[k][b] = (System.nanoTime() - t0) / 1e3 / calls;
                    bytes[k][b] = (threads.getCurrentThreadAllocatedBytes() - a0) / (double) calls;
                    parent[k][b] = (os.getProcessCpuTime() - p0) / 1e3 / calls;
                    child[k][b] = (Harness.cpuMillis(kids) - c0) * 1e3 / calls;
                }
            }
            System.out.println("N = " + workers + (pinned ? ", pinned" : ", unpinned"));
            for (int k = 0; k < 3; k++) {
                System.out.printf("%-9s wall %.2f µs (%.2f × raw), CPU parent %.2f µs, child %.2f µs; parent allocates %.0f bytes per call%n", what[k],
                        Stats.median(wall[k]), Stats.median(wall[k]) / Stats.median(wall[0]), Stats.median(parent[k]),
                        Stats.median(child[k]), Stats.median(bytes[k]));
            }
        }
    }

    private static void ping(RawChildren raw) {
        try {
            raw.pingAll();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
