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
 * withoutSharedMemory()}), optionally {@code user} (the operator users write, {@link
 * BenchOperators.UserIdentity}, instead of {@code Identity}), then worker JVM flags. The CPU per
 * call of the raw round trip (parent and children) is printed beside the runtime's.
 */
public final class ScatterProbe {

    private static final long SEED = 20261127L;

    private ScatterProbe() {}

    /** @param args doubles, workers, repetitions, worker flags */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        int at = 3;
        boolean pipeOnly = args.length > at && args[at].equals("pipe");
        at += pipeOnly ? 1 : 0;
        boolean user = args.length > at && args[at].equals("user");
        at += user ? 1 : 0;
        List<String> jvm = Arrays.asList(args).subList(at, args.length);
        WorkerOptions options = WorkerOptions.defaults().withJvmArgs(jvm);
        if (pipeOnly) {
            options = options.withoutSharedMemory();
        }
        VectorSpace space = VectorSpace.real(n);
        double[] x = space.randn(new Random(SEED));
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ops.add(user ? new BenchOperators.UserIdentity(space) : new Identity(space));
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
            double r0 = Harness.cpuMillis(raw.handles());
            c0 = os.getProcessCpuTime();
            for (int r = 0; r < reps; r++) {
                raw.roundTripAll(x);
            }
            double childCpu = (Harness.cpuMillis(raw.handles()) - r0) / reps;
            double rawParentCpu = (os.getProcessCpuTime() - c0) / 1e6 / reps;
            System.out.printf("%d doubles to %d workers and back%s%s, flags %s: %.1f ms, raw %.1f ms, ratio %.2f;"
                    + " CPU per call: parent %.1f ms, workers %.1f ms; raw: parent %.1f ms, children %.1f ms"
                    + " (10 ms ticks, averaged)%n", n, workers,
                    pipeOnly ? " through the pipes" : "", user ? ", user operator" : "", jvm,
                    Stats.median(runtime), Stats.median(pipe), Stats.median(runtime) / Stats.median(pipe), parentCpu,
                    workerCpu, rawParentCpu, childCpu);
        }
    }
}
