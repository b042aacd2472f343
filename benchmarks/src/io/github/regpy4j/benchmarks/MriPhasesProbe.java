package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Where a whole MRI run goes, phase by phase, as the example runs it: building the forward
 * operator (for the parallel one: starting the workers and sending them their coils), each
 * warm-up round with its four calls (as {@link io.github.regpy4j.examples.WarmUp}: linearize and
 * normal operator, at two points), the solve with this JVM's CPU by thread, and the close. One execution per JVM, so that
 * each starts as cold as the example's first one; run it once per execution, in turn.
 *
 * <pre>
 * java -cp $CP io.github.regpy4j.benchmarks.MriPhasesProbe 100 8 parallel
 * java -cp $CP io.github.regpy4j.benchmarks.MriPhasesProbe 100 8 sequential
 * </pre>
 * Arguments: grid size (10 coils), warm-up rounds, {@code parallel} (2 workers) or {@code sequential},
 * and optionally the workers' extra JVM flags as one argument, e.g. {@code "-XX:-UseTransparentHugePages"}.
 * With {@code -Dprobe.unmeasuredStep}, a sequential solve runs first, unmeasured, as in the
 * example with {@code --compare-sequential}.
 */
public final class MriPhasesProbe {

    /** The seed of the example's warm-up point ({@link MriReconstruction#warmUp}). */
    private static final long SEED = 20261206L;

    private MriPhasesProbe() {}

    /** @param args grid size, warm-up rounds, {@code parallel} or {@code sequential}, optionally worker flags */
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Execution execution = args[2].equals("parallel") ? Execution.PARALLEL : Execution.SEQUENTIAL;
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(size, 10));
        if (System.getProperty("probe.unmeasuredStep") != null) {
            MriReconstruction.unmeasuredSolve(problem, rounds, p -> { });
        }
        long t0 = System.nanoTime();
        try (AutoCloseable scope = execution.scope(WorkerOptions.defaults(), 0)) {
            Operator forward = execution.forwardOperator(problem.coilOperators(), problem.domain(),
                    problem.distribution(), WorkerOptions.defaults().withMaxWorkers(2)
                            .withJvmArgs(args.length > 3 ? List.of(args[3].trim().split("\\s+")) : List.of()));
            long built = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s %dx%d: build %.3f s%n", args[2], size, size, (built - t0) / 1e9);
            Random rng = new Random(SEED);
            double[] x0 = problem.initialGuess();
            double[] near = x0.clone();
            double[] noise = forward.domain().randn(rng);
            for (int i = 0; i < near.length; i++) {
                near[i] += 0.1 * noise[i];
            }
            double[] h = forward.domain().randn(rng);
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                StringBuilder calls = new StringBuilder();
                for (double[] at : new double[][] {x0, near}) {
                    long q = System.nanoTime();
                    Operator derivative = forward.linearize(at).derivative();
                    long lin = System.nanoTime();
                    derivative.normal().apply(h);
                    long normal = System.nanoTime();
                    calls.append(String.format(Locale.ROOT, " | linearize %.0f, normal %.0f", (lin - q) / 1e6,
                            (normal - lin) / 1e6));
                }
                System.out.printf(Locale.ROOT, "  warm-up round %d: %.3f s (ms%s)%n", r, (System.nanoTime() - start) / 1e9,
                        calls);
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            List<ProcessHandle> workers = forward instanceof DistributedVectorOfOperators d ? d.workerProcesses() : List.of();
            double workerCpu = Harness.cpuMillis(workers);
            long parentCpu = os.getProcessCpuTime();
            Map<String, Long> threadTicks = threadTicks();
            long solveStart = System.nanoTime();
            MriReconstruction.run(problem, forward, problem.setup().maxIterations(), p -> { });
            long solved = System.nanoTime();
            System.out.printf(Locale.ROOT, "  solve %.3f s (CPU: this JVM %.2f s, workers %.2f s)%n", (solved - solveStart) / 1e9,
                    (os.getProcessCpuTime() - parentCpu) / 1e9, (Harness.cpuMillis(workers) - workerCpu) / 1e3);
            System.out.printf(Locale.ROOT, "    this JVM's CPU by thread: %s%n", byKind(threadTicks, threadTicks()));
            Execution.close(forward);
            System.out.printf(Locale.ROOT, "  close %.3f s%n", (System.nanoTime() - solved) / 1e9);
        }
        System.out.printf(Locale.ROOT, "  total %.3f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** @return each of this JVM's threads ({@code tid name}) with its CPU in clock ticks, from {@code /proc/self/task} */
    private static Map<String, Long> threadTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                String[] f = stat.substring(close + 2).split(" ");
                // after the name: state is field 3, utime 14 and stime 15 (proc(5)), here 0, 11 and 12
                ticks.put(task.getFileName() + " " + stat.substring(open + 1, close),
                        Long.parseLong(f[11]) + Long.parseLong(f[12]));
            }
        }
        return ticks;
    }

    /** @return the CPU between two snapshots, in seconds, summed by kind of thread, largest first */
    private static String byKind(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> kinds = new TreeMap<>();
        after.forEach((thread, t) -> {
            String name = thread.substring(thread.indexOf(' ') + 1);
            String kind = name.startsWith("C1 ") || name.startsWith("C2 ") ? "JIT compiler"
                    : name.startsWith("GC ") || name.startsWith("G1 ") ? "GC"
                    : name.startsWith("regpy4j-io") ? "transfer threads"
                    : name.equals("java") || name.equals("main") ? "main" : "other";
            kinds.merge(kind, t - before.getOrDefault(thread, 0L), Long::sum);
        });
        return kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 100.0))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
