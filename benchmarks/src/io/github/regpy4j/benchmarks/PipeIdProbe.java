package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * 1e6 doubles to N workers and back, warm: the raw pipelined round trip, {@code Identity} and a
 * user's operator ({@link BenchOperators.UserIdentity}), each through shared memory and through
 * the pipes alone, in rotating order after 10 unmeasured rounds, with the minor page faults per
 * call of this JVM and of the group's workers (from {@code /proc/<pid>/stat}): whether a figure
 * pays for memory touched for the first time.
 *
 * <pre>java -cp $CP io.github.regpy4j.benchmarks.PipeIdProbe N repetitions</pre>
 */
public final class PipeIdProbe {

    private static final long SEED = 20261206L;
    private static final int WARM_ROUNDS = 10;

    private PipeIdProbe() {}

    /** @param args workers, repetitions */
    public static void main(String[] args) throws Exception {
        int n = 1_000_000;
        int workers = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        VectorSpace space = VectorSpace.real(n);
        double[] x = space.randn(new Random(SEED));
        List<Operator> identities = new ArrayList<>();
        List<Operator> users = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            identities.add(new Identity(space));
            users.add(new BenchOperators.UserIdentity(space));
        }
        WorkerOptions pipes = WorkerOptions.defaults().withoutSharedMemory();
        try (RawChildren raw = new RawChildren(workers, List.of());
                ParallelVectorOfOperators sharedIdentity = new ParallelVectorOfOperators(identities);
                ParallelVectorOfOperators pipeIdentity = new ParallelVectorOfOperators(identities, pipes);
                ParallelVectorOfOperators sharedUser = new ParallelVectorOfOperators(users);
                ParallelVectorOfOperators pipeUser = new ParallelVectorOfOperators(users, pipes)) {
            raw.pingAll();
            String[] names = {"raw", "Identity, shared memory", "Identity, pipes", "user operator, shared memory",
                "user operator, pipes"};
            ParallelVectorOfOperators[] groups = {null, sharedIdentity, pipeIdentity, sharedUser, pipeUser};
            Runnable[] calls = {() -> roundTrip(raw, x), () -> sharedIdentity.apply(x), () -> pipeIdentity.apply(x),
                () -> sharedUser.apply(x), () -> pipeUser.apply(x)};
            double[][] ms = new double[calls.length][reps];
            long[] parentFaults = new long[calls.length];
            long[] workerFaults = new long[calls.length];
            List<ProcessHandle> self = List.of(ProcessHandle.current());
            for (int r = -WARM_ROUNDS; r < reps; r++) {
                for (int k = 0; k < calls.length; k++) {
                    int c = (k + Math.max(r, 0)) % calls.length;
                    List<ProcessHandle> kids = groups[c] == null ? List.of() : groups[c].workerProcesses();
                    long p0 = minorFaults(self);
                    long w0 = minorFaults(kids);
                    long t0 = System.nanoTime();
                    calls[c].run();
                    long t = System.nanoTime() - t0;
                    if (r >= 0) {
                        ms[c][r] = t / 1e6;
                        parentFaults[c] += minorFaults(self) - p0;
                        workerFaults[c] += minorFaults(kids) - w0;
                    }
                }
            }
            for (int c = 0; c < calls.length; c++) {
                double[] sorted = ms[c].clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "%-30s median %.1f ms [%.1f–%.1f]; minor faults per call: this JVM %d, workers %d%n",
                        names[c], Stats.median(ms[c]), sorted[0], sorted[reps - 1], parentFaults[c] / reps,
                        workerFaults[c] / reps);
            }
        }
    }

    private static void roundTrip(RawChildren raw, double[] x) {
        try {
            raw.roundTripAll(x);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the minor page faults of the processes, summed ({@link SolveCeilingProbe#stat}) */
    private static long minorFaults(List<ProcessHandle> processes) {
        return SolveCeilingProbe.stat(processes)[2];
    }
}
