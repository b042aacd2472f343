package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.ParallelExecutionManager;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.worker.internal.ProcStat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What this machine allows a whole flagship solve at best. {@link CeilingProbe} bounds one warm
 * call; a solve also holds cheap calls (IRGNM's first linearization at zero, where scattering's
 * GMRES ends at once) and the solver's own serial work between calls (CG, the Gram operators),
 * which no runtime shrinks. This probe runs the flagship's whole solve three ways, in alternation:
 *
 * <ol>
 *   <li>sequentially in this JVM (the example's sequential execution: the baseline);</li>
 *   <li>with {@code k} threads of this JVM, each evaluating one contiguous block of the operators
 *       ({@link ThreadedBlocks}): no process, no pipe, no copy, no serialization; the ceiling of
 *       any parallel runtime on these cores;</li>
 *   <li>with {@code k} worker JVMs of regpy4j (grouped, the same blocks);</li>
 *   <li>with {@code k − 1} worker JVMs and this JVM evaluating the last block itself ({@link
 *       WorkerOptions#withCallerShare(boolean)}; the same blocks).</li>
 * </ol>
 *
 * Each execution is warmed as the examples warm theirs before its first solve, and every solve
 * of an execution reuses its operator (and workers), so the rounds after the first measure warm
 * code. All three compute the same iterates up to the order in which the adjoint's parts are
 * summed (the first round prints the difference). Besides each solve's time the probe reports,
 * as medians, where the solve spent it (linearizations, derivatives, adjoints, the solver's own
 * work outside the calls) and the CPU of this JVM and of the workers, from {@code /proc}.
 * {@code -Dprobe.variants} adds sets of workers with other JVM flags to the alternation.
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.SolveCeilingProbe scattering 64 16 2 5
 * java -cp $CP io.github.regpy4j.benchmarks.SolveCeilingProbe mri 160 10 2 5
 * </pre>
 * Arguments: {@code scattering} or {@code mri}, grid size, directions or coils, {@code k},
 * alternating rounds (the first is reported apart, as warm-up).
 */
public final class SolveCeilingProbe {

    private SolveCeilingProbe() {}

    /**
     * {@code k} blocks of a vector of operators, each evaluated by a thread of its own: the blocks
     * share nothing but the argument, which they only read. Values and derivatives are joined, adjoints
     * summed in block order.
     */
    static final class ThreadedBlocks extends Operator {
        private final Operator[] blocks;
        private final int[] offsets;
        private final Operator[] derivatives;
        private final ExecutorService pool;

        ThreadedBlocks(List<Operator> blocks, ExecutorService pool) {
            super(blocks.get(0).domain(), new DirectSum(blocks.stream().map(Operator::codomain).toList()), false);
            this.blocks = blocks.toArray(new Operator[0]);
            this.derivatives = new Operator[this.blocks.length];
            this.offsets = new int[this.blocks.length + 1];
            for (int b = 0; b < this.blocks.length; b++) {
                offsets[b + 1] = offsets[b] + this.blocks[b].codomain().zeros().length;
            }
            this.pool = pool;
        }

        private double[][] onEachBlock(Function<Integer, double[]> call) {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int b = 0; b < blocks.length; b++) {
                int block = b;
                futures.add(pool.submit(() -> call.apply(block)));
            }
            double[][] parts = new double[blocks.length][];
            try {
                for (int b = 0; b < blocks.length; b++) {
                    parts[b] = futures.get(b).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("block failed", e.getCause());
            }
            return parts;
        }

        private double[] joined(double[][] parts) {
            double[] out = new double[offsets[blocks.length]];
            for (int b = 0; b < parts.length; b++) {
                System.arraycopy(parts[b], 0, out, offsets[b], parts[b].length);
            }
            return out;
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return joined(onEachBlock(b -> {
                if (!differentiate) {
                    return blocks[b].apply(x);
                }
                Linearization l = blocks[b].linearize(x);
                derivatives[b] = l.derivative();
                return l.value();
            }));
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            return joined(onEachBlock(b -> derivatives[b].apply(h)));
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            double[][] back = onEachBlock(b -> derivatives[b].adjoint().apply(
                    Arrays.copyOfRange(y, offsets[b], offsets[b + 1])));
            double[] sum = back[0].clone();
            for (int b = 1; b < back.length; b++) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += back[b][i];
                }
            }
            return sum;
        }
    }

    /** Adds up the time of every call of the wrapped operator, by kind: linearize, derivative, adjoint. */
    static final class Timed extends Operator {
        private final Operator inner;
        private Operator derivative;
        final long[] nanos = new long[3];
        final int[] calls = new int[3];

        Timed(Operator inner) {
            super(inner.domain(), inner.codomain(), false);
            this.inner = inner;
        }

        private double[] count(int kind, long start, double[] result) {
            nanos[kind] += System.nanoTime() - start;
            calls[kind]++;
            return result;
        }

        void reset() {
            Arrays.fill(nanos, 0);
            Arrays.fill(calls, 0);
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            long start = System.nanoTime();
            if (!differentiate) {
                return count(0, start, inner.apply(x));
            }
            Linearization l = inner.linearize(x);
            derivative = l.derivative();
            return count(0, start, l.value().clone());
        }

        @Override
        protected double[] applyDerivative(double[] h) {
            return count(1, System.nanoTime(), derivative.apply(h));
        }

        @Override
        protected double[] applyAdjoint(double[] y) {
            return count(2, System.nanoTime(), derivative.adjoint().apply(y));
        }
    }

    /**
     * One way to evaluate the flagship's operator, and what each of its solves measured.
     *
     * @param name how the output names it
     * @param timed the way's operator, wrapped to time its calls
     * @param workers the way's worker processes (none in this JVM)
     * @param measures what its solves measured, round by round
     */
    private record Way(String name, Timed timed, List<ProcessHandle> workers, Measures measures) {

        Way(String name, Operator forward, int rounds) {
            this(name, new Timed(forward), forward instanceof ParallelVectorOfOperators p ? p.workerProcesses()
                    : forward instanceof DistributedVectorOfOperators d ? d.workerProcesses() : List.of(),
                    new Measures(rounds));
        }

        /** Solves once, records round {@code r}, and returns the final iterate. */
        double[] solve(Flagship flagship, int r) {
            timed.reset();
            long[] jvm0 = stat(List.of(ProcessHandle.current()));
            long[] workers0 = stat(workers);
            Flagship.Solve solve = flagship.solve(timed);
            long[] jvm1 = stat(List.of(ProcessHandle.current()));
            long[] workers1 = stat(workers);
            measures.record(r, solve.nanos(), timed, jvm0, jvm1, workers0, workers1);
            return solve.x();
        }
    }

    /** Per round: the solve's wall time, its split over the kinds of call, and the processes' CPU. */
    private static final class Measures {
        /** Field names, in the order of {@link #values}. */
        static final String[] NAMES = {"solve", "linearizations", "derivatives", "adjoints", "outside the calls",
            "this JVM user", "system", "minor faults", "workers user", "system", "minor faults"};
        /** {@code values[field][round]}, times in ms. */
        final double[][] values;

        Measures(int rounds) {
            values = new double[NAMES.length][rounds];
        }

        void record(int r, long solveNanos, Timed timed, long[] jvm0, long[] jvm1, long[] workers0, long[] workers1) {
            values[0][r] = solveNanos / 1e6;
            double inCalls = 0;
            for (int kind = 0; kind < 3; kind++) {
                values[1 + kind][r] = timed.nanos[kind] / 1e6;
                inCalls += values[1 + kind][r];
            }
            values[4][r] = values[0][r] - inCalls;
            for (int f = 0; f < 3; f++) {
                values[5 + f][r] = jvm1[f] - jvm0[f];
                values[8 + f][r] = workers1[f] - workers0[f];
            }
        }

        /** @return the median of {@code field} over rounds 1 and later */
        double warmMedian(int field) {
            return Stats.median(Arrays.copyOfRange(values[field], 1, values[field].length));
        }
    }

    /**
     * @param args flagship, size, directions or coils, workers, rounds
     * @throws Exception if a thread or a worker fails
     */
    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "scattering";
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int parts = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Flagship flagship = Flagship.named(which, size, parts, k);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        // The manager closes every set of workers when the run ends, also when it fails.
        try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
            List<Way> ways = ways(flagship, k, rounds, pool);
            for (Way way : ways) {
                flagship.warmUp(way.timed());
            }
            System.out.printf(Locale.ROOT, "%s %dx%d, %d operators, k = %d (%d processors): whole solves, %d alternating"
                    + " rounds (the first apart)%n", which, size, size, flagship.operators().size(), k,
                    Runtime.getRuntime().availableProcessors(), rounds);
            for (int r = 0; r < rounds; r++) {
                round(flagship, ways, r);
            }
            if (rounds > 1) {
                summary(ways);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The sequential way, the threads, and one set of workers per variant of their JVM flags:
     * {@code -Dprobe.variants="|-XX:-UseG1GC -XX:+UseSerialGC"} gives the default set and one
     * with the serial collector ('|' separates variants, the empty one is the default).
     */
    private static List<Way> ways(Flagship flagship, int k, int rounds, ExecutorService pool) {
        List<Operator> seqOps = flagship.operators();
        List<Way> ways = new ArrayList<>();
        ways.add(new Way("sequential", flagship.block(seqOps, 0, seqOps.size()), rounds));
        ways.add(new Way(k + " threads", new ThreadedBlocks(flagship.blocks(k), pool), rounds));
        for (String variant : System.getProperty("probe.variants", "").split("\\|", -1)) {
            WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(k);
            if (!variant.isBlank()) {
                options = options.withJvmArgs(List.of(variant.trim().split("\\s+")));
            }
            ways.add(new Way(k + " workers" + (variant.isBlank() ? "" : " [" + variant.trim() + "]"),
                    flagship.workers(flagship.operators(), options), rounds));
        }
        if (k >= 2) {
            // The same k blocks, the last one evaluated by this JVM itself (WorkerOptions.withCallerShare).
            ways.add(new Way((k - 1) + " workers + this JVM", flagship.workers(flagship.operators(),
                    WorkerOptions.defaults().withMaxWorkers(k - 1).withCallerShare(true)), rounds));
        }
        return ways;
    }

    /** One solve by every way in turn, and a line with their times and speed-ups. */
    private static void round(Flagship flagship, List<Way> ways, int r) {
        StringBuilder line = new StringBuilder("  round " + r + ":");
        double[] sequential = null;
        for (Way way : ways) {
            double[] x = way.solve(flagship, r);
            line.append(String.format(Locale.ROOT, " %s %.0f ms", way.name(), way.measures().values[0][r]));
            if (sequential == null) {
                sequential = x;
            } else if (r == 0) {
                // The adjoints are summed in another order (per block, then over blocks), so the
                // iterates may differ by round-off; how much is part of the record.
                line.append(String.format(Locale.ROOT, " (iterate %.1e from sequential)",
                        relativeDifference(x, sequential)));
            }
        }
        if (r == 0) {
            Timed t = ways.get(0).timed();
            System.out.printf(Locale.ROOT, "  calls per solve: %d linearizations, %d derivatives, %d adjoints%n",
                    t.calls[0], t.calls[1], t.calls[2]);
        }
        line.append(" | speed-ups");
        for (Way way : ways.subList(1, ways.size())) {
            line.append(String.format(Locale.ROOT, " %.2f", ways.get(0).measures().values[0][r]
                    / way.measures().values[0][r]));
        }
        System.out.println(line);
    }

    /** Medians over rounds 1 and later: speed-ups (of per-round ratios), and every measure. */
    private static void summary(List<Way> ways) {
        double[] sequential = ways.get(0).measures().values[0];
        int rounds = sequential.length;
        System.out.printf(Locale.ROOT, "  rounds 1..%d, sequential median %.0f ms; per way: median solve, median of"
                + " per-round speed-ups (parallel/sequential):%n", rounds - 1, ways.get(0).measures().warmMedian(0));
        for (Way way : ways.subList(1, ways.size())) {
            double[] ratio = new double[rounds - 1];
            for (int r = 1; r < rounds; r++) {
                ratio[r - 1] = sequential[r] / way.measures().values[0][r];
            }
            double m = Stats.median(ratio);
            System.out.printf(Locale.ROOT, "    %-40s %6.0f ms  %.2f (%.2f)%n", way.name(), way.measures().warmMedian(0),
                    m, 1 / m);
        }
        System.out.println("  medians, ms: " + String.join(" | ", Arrays.copyOfRange(Measures.NAMES, 1, 5))
                + " || /proc: " + String.join(", ", Arrays.copyOfRange(Measures.NAMES, 5, 8)) + " | "
                + String.join(", ", Arrays.copyOfRange(Measures.NAMES, 8, 11)));
        for (Way way : ways) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    %-40s", way.name()));
            StringBuilder first = new StringBuilder(String.format(Locale.ROOT, "    %-40s", "  round 0"));
            for (int f = 1; f < Measures.NAMES.length; f++) {
                String gap = f == 5 ? " ||" : f == 8 ? " |" : "";
                line.append(gap).append(String.format(Locale.ROOT, " %7.1f", way.measures().warmMedian(f)));
                first.append(gap).append(String.format(Locale.ROOT, " %7.1f", way.measures().values[f][0]));
            }
            System.out.println(line);
            System.out.println(first);
        }
    }

    /** proc(5)'s fields of {@code /proc/<pid>/stat}: minor faults, user and system clock ticks (10 ms). */
    private static final int MINFLT = 10;
    private static final int UTIME = 14;
    private static final int STIME = 15;
    /** The clock tick of {@link #UTIME} and {@link #STIME}, in ms. */
    private static final int TICK_MS = 10;

    /**
     * @param stat the text of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}
     * @return its user and system time, in ms
     */
    static long cpuMillis(String stat) {
        return (ProcStat.field(stat, UTIME) + ProcStat.field(stat, STIME)) * TICK_MS;
    }

    /** @return summed over the processes: user ms, system ms and minor page faults, by {@link ProcStat} */
    static long[] stat(List<ProcessHandle> processes) {
        long[] sum = new long[3];
        for (ProcessHandle p : processes) {
            String text;
            try {
                text = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sum[0] += ProcStat.field(text, UTIME) * TICK_MS;
            sum[1] += ProcStat.field(text, STIME) * TICK_MS;
            sum[2] += ProcStat.field(text, MINFLT);
        }
        return sum;
    }

    /** @return {@code max |a − b| / max |b|} */
    private static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }
}
