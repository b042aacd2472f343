package io.github.regpy4j.benchmarks;

import io.github.regpy4j.examples.mri.Execution;
import io.github.regpy4j.examples.mri.MriProblem;
import io.github.regpy4j.examples.mri.MriReconstruction;
import io.github.regpy4j.examples.mri.MriSetup;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.DistributedVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.worker.internal.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.Locale;

/**
 * The processor time the MRI example's two runs spend (issue 12, item 3, default-size clause):
 * after an unmeasured sequential solve, as the example runs, rounds of a parallel run (1 worker
 * JVM and this JVM's share, as the example chooses on 2 processors) and a sequential run, each
 * as {@link MriReconstruction#run} times it (worker start, 5 warm-up rounds, solve). For each
 * run: its wall time, this JVM's processor time (every thread: the solve, its compilers and
 * collector) and, for the parallel run, the worker JVM's, read from {@code /proc/<pid>/stat}
 * just before it closes. The parallel run also prints the worker's processor time by thread
 * (compilers, collector, main thread, threads that have ended) once its operator is built, after
 * the warm-up rounds and after the solve.
 *
 * <p>Why: on {@code p} processors no schedule of a run's work finishes before its processor time
 * over {@code p}. If the parallel run's processor time over 2 is not below the sequential run's
 * wall time, no division of the work between this JVM and the worker (static, adaptive, handed
 * over) can make the parallel run the shorter; only less work can: a worker that boots,
 * loads and compiles less.
 *
 * <pre>java -XX:+UseSerialGC [-Dprobe.classDataSharing=true] [-Dprobe.workerFlags="FLAGS"] -cp $CP io.github.regpy4j.benchmarks.CpuBudgetProbe [rounds] [size]</pre>
 */
public final class CpuBudgetProbe {

    private CpuBudgetProbe() {}

    /** @param args rounds (default 4) and grid size (default 100) */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        MriProblem problem = new MriProblem(MriSetup.regpyExample().resized(size, 10));
        MriReconstruction.unmeasuredSolve(problem, MriReconstruction.WARM_UP_ROUNDS, p -> { });
        WorkerOptions options = WorkerOptions.defaults().withMaxWorkers(1).withCallerShare(true);
        if (Boolean.getBoolean("probe.classDataSharing")) {
            options = options.withClassDataSharing(true);
            System.out.println("workers with the class-data archive (JDK 24+: the AOT cache)");
        }
        String flags = System.getProperty("probe.workerFlags", "").strip();
        if (!flags.isEmpty()) {
            options = options.withJvmArgs(List.of(flags.split("\\s+")));
            System.out.println("worker flags: " + options.jvmArgs());
        }
        System.out.printf(Locale.ROOT, "%dx%d, 10 coils, 1 worker JVM and this JVM's share; ms%n", size, size);
        for (int r = 0; r < rounds; r++) {
            long[] parallel = parallel(problem, options);
            long[] sequential = sequential(problem);
            double bound = (parallel[1] + parallel[2]) / 2.0;
            System.out.printf(Locale.ROOT, "round %d: parallel wall %d, CPU this JVM %d + worker %d = %d (over 2 cores %.0f);"
                    + " sequential wall %d, CPU %d; extra CPU of the parallel run %d%n", r, parallel[0], parallel[1],
                    parallel[2], parallel[1] + parallel[2], bound, sequential[0], sequential[1],
                    parallel[1] + parallel[2] - sequential[1]);
        }
    }

    /** @return wall ms, this JVM's CPU ms, the worker's CPU ms */
    private static long[] parallel(MriProblem problem, WorkerOptions options) throws Exception {
        long cpu0 = cpuMillis(List.of(ProcessHandle.current()));
        long t0 = System.nanoTime();
        long worker;
        try (AutoCloseable scope = Execution.PARALLEL.scope(options, options.workerCountFor(problem.setup().coils()))) {
            Operator forward = Execution.PARALLEL.forwardOperator(problem.coilOperators(), problem.domain(),
                    problem.distribution(), options);
            try {
                List<ProcessHandle> workers = ((DistributedVectorOfOperators) forward).workerProcesses();
                System.out.println("  built at " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + byThread(workers.get(0)));
                MriReconstruction.warmUp(forward, problem, MriReconstruction.WARM_UP_ROUNDS);
                System.out.println("  warm at " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + byThread(workers.get(0)));
                MriReconstruction.run(problem, forward, problem.setup().maxIterations(), p -> { });
                worker = cpuMillis(workers);
                System.out.println("  solved at " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + byThread(workers.get(0)));
            } finally {
                Execution.close(forward);
            }
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        return new long[] {wall, cpuMillis(List.of(ProcessHandle.current())) - cpu0, worker};
    }

    /** @return wall ms, this JVM's CPU ms */
    private static long[] sequential(MriProblem problem) {
        long cpu0 = cpuMillis(List.of(ProcessHandle.current()));
        long t0 = System.nanoTime();
        Operator forward = Execution.SEQUENTIAL.forwardOperator(problem.coilOperators(), problem.domain(),
                problem.distribution(), WorkerOptions.defaults());
        MriReconstruction.warmUp(forward, problem, MriReconstruction.WARM_UP_ROUNDS);
        MriReconstruction.run(problem, forward, problem.setup().maxIterations(), p -> { });
        long wall = (System.nanoTime() - t0) / 1_000_000;
        return new long[] {wall, cpuMillis(List.of(ProcessHandle.current())) - cpu0};
    }

    /**
     * @return the worker's processor time by its threads' names ({@code /proc/<pid>/task/<tid>/stat}):
     *     compilers, collector, the rest by name, and what threads that have ended spent
     */
    private static String byThread(ProcessHandle worker) throws IOException {
        Map<String, Long> groups = new TreeMap<>();
        long live = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(worker.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String text;
                try {
                    text = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = ProcStat.command(text);
                String group = name.startsWith("C2 ") ? "C2" : name.startsWith("C1 ") ? "C1"
                        : name.startsWith("GC ") || name.startsWith("VM Thread") ? "GC+VM" : name;
                long ms = SolveCeilingProbe.cpuMillis(text);
                groups.merge(group, ms, Long::sum);
                live += ms;
            }
        }
        groups.values().removeIf(v -> v == 0);
        long[] whole = SolveCeilingProbe.stat(List.of(worker));
        groups.put("(ended threads)", whole[0] + whole[1] - live);
        return groups + String.format(Locale.ROOT, "; system %d of %d, minor faults %d", whole[1], whole[0] + whole[1], whole[2]);
    }

    private static long cpuMillis(List<ProcessHandle> processes) {
        long[] s = SolveCeilingProbe.stat(processes);
        return s[0] + s[1];
    }
}
