package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Where the time of a large scatter goes: one vector to N identity workers and back, against the
 * raw pipelined round trip of the same bytes (alternating), then the CPU per call of the parent
 * and of all workers together. On 2 cores the sum over 2 bounds the wall time from below.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:exec -Dexec.mainClass=io.github.regpy4j.benchmarks.ScatterProbe \
 *     -Dexec.programArgs="1000000 4 41"
 * </pre>
 * Arguments: doubles, workers, repetitions, optionally {@code pipe} (the pipe path, {@code
 * withoutSharedMemory()}), then worker JVM flags.
 */
public final class ScatterProbe {

    private static final long SEED = 20261127L;

    private ScatterProbe() {}

    /** @param args doubles, workers, repetitions, worker flags */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        boolean pipeOnly = args.length > 3 && args[3].equals("pipe");
        List<String> jvm = Arrays.asList(args).subList(pipeOnly ? 4 : 3, args.length);
        WorkerOptions options = WorkerOptions.defaults().withJvmArgs(jvm);
        if (pipeOnly) {
            options = options.withoutSharedMemory();
        }
        VectorSpace space = VectorSpace.real(n);
        double[] x = space.randn(new Random(SEED));
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ops.add(new Identity(space));
        }
        try (RawChildren raw = new RawChildren(workers, jvm);
                ParallelVectorOfOperators p = new ParallelVectorOfOperators(ops, options)) {
            raw.pingAll();
            for (int i = 0; i < 20; i++) {
                p.apply(x);
                raw.roundTripAll(x);
            }
            double[] runtime = new double[reps];
            double[] pipe = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                p.apply(x);
                runtime[r] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                raw.roundTripAll(x);
                pipe[r] = (System.nanoTime() - t0) / 1e6;
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double w0 = Harness.cpuMillis(p.workerProcesses());
            long c0 = os.getProcessCpuTime();
            for (int r = 0; r < reps; r++) {
                p.apply(x);
            }
            double workerCpu = (Harness.cpuMillis(p.workerProcesses()) - w0) / reps;
            double parentCpu = (os.getProcessCpuTime() - c0) / 1e6 / reps;
            System.out.printf("%d doubles to %d workers and back%s, flags %s: %.1f ms, raw %.1f ms, ratio %.2f;"
                    + " CPU per call: parent %.1f ms, workers %.1f ms (10 ms ticks, averaged)%n", n, workers,
                    pipeOnly ? " through the pipes" : "", jvm,
                    Stats.median(runtime), Stats.median(pipe), Stats.median(runtime) / Stats.median(pipe), parentCpu,
                    workerCpu);
        }
    }
}
