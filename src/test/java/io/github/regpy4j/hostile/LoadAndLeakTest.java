package io.github.regpy4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.RemoteOperatorException;
import io.github.regpy4j.parallel.WorkerCrashedException;
import io.github.regpy4j.testing.DenseMatrix;
import io.github.regpy4j.testing.Leaks;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Misbehaving.Trigger;
import io.github.regpy4j.testing.Processes;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load and leaks: many threads on one instance, every result correct; create/apply/close cycles
 * through every path (plain calls, a remote exception, a crash, a vector through shared memory, a
 * classpath long enough for an argfile) that leave no process, thread, file descriptor, temporary
 * file or shared-memory file behind.
 */
class LoadAndLeakTest {

    private static final long SEED = 20261126L;
    private static final double TOLERANCE = 1e-12;
    /** Domain size of the load test: 56 kB per vector, above the runtime's concurrent-transfer threshold. */
    private static final int LOAD_N = 7000;
    /** A vector of this many doubles (1.1 MB) travels through shared memory. */
    private static final int SHARED_N = 140_000;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    @Timeout(60)
    void sixteenThreadsOnOneInstanceGetEveryResultRight() throws Exception {
        Random rng = new Random(SEED);
        List<Operator> ops = List.of(DenseMatrix.random(3, LOAD_N, rng), DenseMatrix.random(5, LOAD_N, rng),
                DenseMatrix.random(2, LOAD_N, rng));
        VectorOfOperators sequential = new VectorOfOperators(ops);
        try (var parallel = new ParallelVectorOfOperators(ops)) {
            Operator adjoint = parallel.adjoint();
            Operator sequentialAdjoint = sequential.adjoint();
            List<CompletableFuture<Integer>> threads = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < 16; t++) {
                long seed = SEED + 100 + t;
                threads.add(CompletableFuture.supplyAsync(() -> {
                    Random r = new Random(seed);
                    int checked = 0;
                    for (int i = 0; i < 20; i++) {
                        double[] x = parallel.domain().randn(r);
                        assertClose(parallel.apply(x), sequential.apply(x), "apply, thread seed " + seed + ", call " + i);
                        double[] y = parallel.codomain().randn(r);
                        assertClose(adjoint.apply(y), sequentialAdjoint.apply(y), "adjoint, thread seed " + seed + ", call " + i);
                        checked += 2;
                    }
                    return checked;
                }, command -> {
                    Thread th = new Thread(command, "load-" + seed);
                    th.setDaemon(true);
                    th.start();
                }));
            }
            int total = 0;
            for (CompletableFuture<Integer> f : threads) {
                total += f.get(50, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(16 * 40);
            Figures.record("16 threads × 40 calls on one instance (total)", "load", (System.nanoTime() - t0) / 1_000_000);
            assertThat(parallel.isRunning()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void fiftyCreateApplyCloseCyclesLeaveNothingBehind() throws Exception {
        cycles(50);
    }

    @Test
    @Tag("long")
    @Timeout(1800)
    void aThousandCreateApplyCloseCyclesLeaveNothingBehind() throws Exception {
        cycles(1000);
    }

    /**
     * Runs {@code n} cycles, each a new parallel operator that is used and closed, and compares
     * what this JVM holds before and after. Cycle {@code i} takes a path by {@code i}: every 5th
     * a remote exception, every 10th a crash ({@code System.exit} in the operator), every 7th a
     * vector through shared memory, every 3rd a classpath over 32 kB (the runtime writes an argfile
     * for it), every 4th two workers instead of one.
     */
    static void cycles(int n) throws Exception {
        // Warm up through every path: the runtime's timer, cleaner and process-reaper threads, and the
        // descriptors of /dev/random and /dev/urandom that naming a temporary file opens, live as long as the JVM.
        cycle(210);
        Leaks before = Leaks.settleTo(Leaks.snapshot(), 200);
        List<String> fdsBefore = Leaks.fileDescriptorTargets();
        List<String> shmBefore = sharedMemoryFiles();
        long t0 = System.nanoTime();
        // Two threads, each its own cycles: JVM start-up is partly waiting, and two overlap on two cores.
        List<CompletableFuture<Void>> runners = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int first = 1 + r;
            runners.add(CompletableFuture.runAsync(() -> {
                for (int i = first; i <= n; i += 2) {
                    try {
                        cycle(i);
                    } catch (Exception e) {
                        throw new IllegalStateException("cycle " + i + ": " + e, e);
                    }
                }
            }, command -> {
                Thread th = new Thread(command, "cycles-" + first);
                th.setDaemon(true);
                th.start();
            }));
        }
        for (CompletableFuture<Void> f : runners) {
            f.get(1800, TimeUnit.SECONDS);
        }
        long perCycle = (System.nanoTime() - t0) / 1_000_000 / n;
        Leaks after = Leaks.settleTo(before, 5000);
        List<String> newFds = new ArrayList<>(Leaks.fileDescriptorTargets());
        newFds.removeAll(fdsBefore);
        assertThat(after.noMoreThan(before)).as("after %s cycles: %s; before: %s; new threads: %s; new descriptors: %s",
                n, after, before, after.newThreadsSince(before), newFds).isTrue();
        assertThat(sharedMemoryFiles()).as("shared-memory files of this JVM after %s cycles", n).isEqualTo(shmBefore);
        Figures.record(n + " create/apply/close cycles on 2 threads (wall time per cycle)", "leaks", perCycle);
    }

    private static void cycle(int i) throws Exception {
        int workers = i % 4 == 0 ? 2 : 1;
        int size = i % 7 == 0 ? SHARED_N : 4;
        List<Operator> ops = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            ops.add(new Misbehaving(size));
        }
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        if (i % 3 == 0) {
            Thread.currentThread().setContextClassLoader(longClasspath(original));
        }
        ParallelVectorOfOperators parallel;
        try {
            parallel = new ParallelVectorOfOperators(ops);
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
        try {
            double[] x = new double[size];
            x[0] = i;
            x[size - 1] = -i;
            double[] y = parallel.apply(x);
            assertThat(y).as("cycle %s", i).hasSize(workers * size);
            for (int w = 0; w < workers; w++) {
                assertThat(y[w * size]).as("cycle %s", i).isEqualTo(i);
                assertThat(y[w * size + size - 1]).as("cycle %s", i).isEqualTo(-i);
            }
            if (i % 5 == 0) {
                Throwable e = catchAny(() -> parallel.apply(Trigger.THROW.argument(size)));
                assertThat(e).as("cycle %s", i).isInstanceOf(RemoteOperatorException.class);
            }
            if (i % 10 == 0) {
                Throwable e = catchAny(() -> parallel.apply(Trigger.EXIT.argument(size)));
                assertThat(e).as("cycle %s", i).isInstanceOf(WorkerCrashedException.class);
            }
        } finally {
            parallel.close();
        }
    }

    /** The context class loader's URLs join the workers' classpath: 700 that do not exist make it 40 kB long. */
    private static ClassLoader longClasspath(ClassLoader parent) throws IOException {
        URL[] urls = new URL[700];
        for (int k = 0; k < urls.length; k++) {
            urls[k] = Path.of("/nonexistent/hostile-classpath-padding-" + "x".repeat(20) + "/" + k).toUri().toURL();
        }
        return new URLClassLoader(urls, parent);
    }

    /** @return the names of this JVM's shared-memory files ({@code /dev/shm/regpy4j-<pid>-*}) */
    static List<String> sharedMemoryFiles() throws IOException {
        List<String> names = new ArrayList<>();
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm)) {
            return names;
        }
        try (DirectoryStream<Path> d = Files.newDirectoryStream(shm, "regpy4j-" + ProcessHandle.current().pid() + "-*")) {
            d.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    /** Entry by entry within {@link #TOLERANCE}: AssertJ's {@code containsExactly} with an offset is quadratic in the length. */
    static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int k = 0; k < actual.length; k++) {
            if (!(Math.abs(actual[k] - expected[k]) <= TOLERANCE)) {
                throw new AssertionError(what + ": entry " + k + " is " + actual[k] + " but should be " + expected[k]);
            }
        }
    }

    private static Throwable catchAny(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
