package io.github.regpy4j.hostile;

import static io.github.regpy4j.hostile.Hostile.BOUND_MILLIS;
import static io.github.regpy4j.hostile.Hostile.N;
import static io.github.regpy4j.hostile.Hostile.assertGoneWithinBound;
import static io.github.regpy4j.hostile.Hostile.millisSince;
import static io.github.regpy4j.hostile.Hostile.signal;
import static io.github.regpy4j.hostile.Hostile.twoWorkers;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.hostile.Hostile.Call;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.RemoteOperatorException;
import io.github.regpy4j.parallel.WorkerCrashedException;
import io.github.regpy4j.parallel.WorkerException;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.parallel.WorkerProtocolException;
import io.github.regpy4j.parallel.WorkerStartupException;
import io.github.regpy4j.parallel.WorkerTimeoutException;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Misbehaving.Trigger;
import io.github.regpy4j.testing.Processes;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every way a worker can die or misbehave, provoked for real, while idle and in the middle of a
 * call: each ends in a typed exception that names the cause within {@value Hostile#BOUND_MILLIS}
 * ms, no call hangs, and no process is left. Each latency goes to {@link Figures}.
 *
 * <p>"Idle" means the worker died (or its thread left behind misbehaved) between calls; the
 * latency is then from the start of the next call to its exception. "Mid-call" means during a
 * call; the latency is from the event (the signal sent, or the call started when the operator
 * itself dies) to the exception.
 */
class WorkerDeathTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    // ---- signals from outside -------------------------------------------------------------

    @Test
    @Timeout(20)
    void sigkillWhileIdle() throws Exception {
        signalWhileIdle("KILL", 137, "SIGKILL");
    }

    @Test
    @Timeout(20)
    void sigkillMidCall() throws Exception {
        signalMidCall("KILL", 137, "SIGKILL");
    }

    @Test
    @Timeout(20)
    void sigtermWhileIdle() throws Exception {
        signalWhileIdle("TERM", 143, "SIGTERM");
    }

    @Test
    @Timeout(20)
    void sigtermMidCall() throws Exception {
        signalMidCall("TERM", 143, "SIGTERM");
    }

    static void signalWhileIdle(String signal, int status, String name) throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            List<ProcessHandle> workers = parallel.workerProcesses();
            ProcessHandle victim = workers.get(1);
            signal(victim, signal);
            victim.onExit().get(5, TimeUnit.SECONDS);
            assertThat(parallel.isRunning()).as("isRunning() sees the death without a call").isFalse();
            long t0 = System.nanoTime();
            Call call = Call.start(() -> parallel.apply(new double[N]));
            Object thrown = call.await(5000);
            long millis = call.millisFrom(t0);
            assertThat(thrown).isInstanceOf(WorkerCrashedException.class);
            WorkerCrashedException e = (WorkerCrashedException) thrown;
            assertThat(e.exitStatus()).isEqualTo(status);
            assertThat(e).hasMessageContaining("worker 1").hasMessageContaining("eval_nodiff").hasMessageContaining(name);
            assertThat(millis).as("next call after %s of an idle worker", name).isLessThan(BOUND_MILLIS);
            assertGoneWithinBound(workers);
            Figures.record(name, "idle", millis);
            Figures.message(name, "idle", thrown);
        }
    }

    static void signalMidCall(String signal, int status, String name) throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            List<ProcessHandle> workers = parallel.workerProcesses();
            warmUp(parallel);
            Call call = Call.start(() -> parallel.apply(Trigger.SLEEP.argument(N)));
            Thread.sleep(300);
            long t0 = signal(workers.get(0), signal);
            Object thrown = call.await(5000);
            long millis = call.millisFrom(t0);
            assertThat(thrown).isInstanceOf(WorkerCrashedException.class);
            WorkerCrashedException e = (WorkerCrashedException) thrown;
            assertThat(e.exitStatus()).isEqualTo(status);
            assertThat(e).hasMessageContaining("worker 0").hasMessageContaining("eval_nodiff").hasMessageContaining(name);
            assertThat(millis).as("from %s to the exception", name).isLessThan(BOUND_MILLIS);
            assertGoneWithinBound(workers);
            Figures.record(name, "mid-call", millis);
            Figures.message(name, "mid-call", thrown);
        }
    }

    // ---- the operator ends its own JVM ------------------------------------------------------

    @Test
    @Timeout(20)
    void systemExitMidCall() throws Exception {
        diesMidCall(Trigger.EXIT, 3, "System.exit");
    }

    @Test
    @Timeout(20)
    void systemExitWhileIdle() throws Exception {
        diesWhileIdle(Trigger.EXIT_LATER, 3, "System.exit");
    }

    @Test
    @Timeout(20)
    void runtimeHaltMidCall() throws Exception {
        diesMidCall(Trigger.HALT, 4, "Runtime.halt");
    }

    @Test
    @Timeout(20)
    void runtimeHaltWhileIdle() throws Exception {
        diesWhileIdle(Trigger.HALT_LATER, 4, "Runtime.halt");
    }

    static void diesMidCall(Trigger trigger, int status, String scenario) throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            List<ProcessHandle> workers = parallel.workerProcesses();
            warmUp(parallel);
            long t0 = System.nanoTime();
            Call call = Call.start(() -> parallel.linearize(trigger.argument(N)));
            Object thrown = call.await(5000);
            long millis = call.millisFrom(t0);
            assertThat(thrown).isInstanceOf(WorkerCrashedException.class);
            WorkerCrashedException e = (WorkerCrashedException) thrown;
            assertThat(e.exitStatus()).isEqualTo(status);
            assertThat(e).hasMessageContaining("died during eval_nodiff").hasMessageContaining("status " + status);
            assertThat(millis).as("%s in the operator until the exception", scenario).isLessThan(BOUND_MILLIS);
            assertGoneWithinBound(workers);
            Figures.record(scenario, "mid-call", millis);
            Figures.message(scenario, "mid-call", thrown);
        }
    }

    static void diesWhileIdle(Trigger trigger, int status, String scenario) throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            List<ProcessHandle> workers = parallel.workerProcesses();
            double[] x = trigger.argument(N, 100); // 100 ms after this call's reply: idle by then
            assertThat(parallel.apply(x)).as("the call that leaves the thread behind").hasSize(2 * N)
                    .startsWith(x);
            for (ProcessHandle w : workers) {
                w.onExit().get(5, TimeUnit.SECONDS);
            }
            long t0 = System.nanoTime();
            Call call = Call.start(() -> parallel.apply(new double[N]));
            Object thrown = call.await(5000);
            long millis = call.millisFrom(t0);
            assertThat(thrown).isInstanceOf(WorkerCrashedException.class);
            WorkerCrashedException e = (WorkerCrashedException) thrown;
            assertThat(e.exitStatus()).isEqualTo(status);
            assertThat(e).hasMessageContaining("eval_nodiff").hasMessageContaining("status " + status);
            assertThat(millis).as("next call after %s while idle", scenario).isLessThan(BOUND_MILLIS);
            assertGoneWithinBound(workers);
            Figures.record(scenario, "idle", millis);
            Figures.message(scenario, "idle", thrown);
        }
    }

    // ---- errors of the JVM ------------------------------------------------------------------

    private static final WorkerOptions SMALL_HEAP = WorkerOptions.defaults().withJvmArgs(List.of("-Xmx32m"));

    @Test
    @Timeout(20)
    void outOfMemoryMidCallIsARemoteErrorNamingItAndTheWorkerServesOn() throws Exception {
        try (var parallel = twoWorkers(SMALL_HEAP)) {
            warmUp(parallel);
            long t0 = System.nanoTime();
            Call call = Call.start(() -> parallel.apply(Trigger.OOM.argument(N)));
            Object thrown = call.await(10_000);
            long millis = call.millisFrom(t0);
            assertThat(thrown).isInstanceOf(RemoteOperatorException.class);
            RemoteOperatorException e = (RemoteOperatorException) thrown;
            assertThat(e.remoteClassName()).isEqualTo("java.lang.OutOfMemoryError");
            assertThat(e).hasMessageContaining("OutOfMemoryError").hasMessageContaining("Java heap space");
            assertThat(millis).as("OutOfMemoryError in a 32 MB worker until the exception").isLessThan(BOUND_MILLIS);
            Figures.record("OutOfMemoryError (-Xmx32m)", "mid-call", millis);
            Figures.message("OutOfMemoryError (-Xmx32m)", "mid-call", thrown);
            assertThat(parallel.apply(new double[] {1, 2, 3, 4})).containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
        }
    }

    @Test
    @Timeout(20)
    void outOfMemoryWhileIdleIsNamedAtTheNextCall() throws Exception {
        // A call timeout, so that a worker that cannot answer fails this test instead of hanging it
        // (before the fix of WorkerLoop's last resort, about 4 runs in 9 got no answer).
        var parallel = twoWorkers(SMALL_HEAP.withCallTimeout(Duration.ofSeconds(3)));
        try {
            List<ProcessHandle> workers = parallel.workerProcesses();
            parallel.apply(Trigger.LEAK_HEAP_LATER.argument(N, 0));
            // The thread fills the heap down to its last bytes, one full collection per size of
            // piece: calls succeed until it is done, then the next one must fail naming the cause.
            long giveUp = System.nanoTime() + 15_000_000_000L;
            Object thrown;
            long millis;
            int calls = 0;
            do {
                assertThat(System.nanoTime()).as("a call failed within 15 s of the heap filling up").isLessThan(giveUp);
                Thread.sleep(100);
                long t0 = System.nanoTime();
                Call call = Call.start(() -> parallel.apply(new double[] {1, 2, 3, 4}));
                thrown = call.await(10_000);
                millis = call.millisFrom(t0);
                calls++;
            } while (thrown instanceof double[] y && y[0] == 1 && y[4] == 1);
            if (thrown instanceof WorkerTimeoutException) {
                Figures.record("OutOfMemoryError (-Xmx32m), no answer: call timeout", "idle", millis);
                Figures.message("OutOfMemoryError (-Xmx32m), no answer: call timeout", "idle", thrown);
            }
            assertThat(thrown).as("call %s after the leak", calls).isInstanceOf(WorkerException.class)
                    .isNotInstanceOf(WorkerTimeoutException.class);
            assertThat(((Throwable) thrown).getMessage()).containsAnyOf("OutOfMemoryError", "out of memory");
            assertThat(millis).as("the call to a worker whose heap is full").isLessThan(BOUND_MILLIS);
            Figures.record("OutOfMemoryError (-Xmx32m)", "idle", millis);
            Figures.message("OutOfMemoryError (-Xmx32m)", "idle", thrown);
            parallel.close();
            assertGoneWithinBound(workers);
        } finally {
            parallel.close();
        }
    }

    @Test
    @Timeout(20)
    void stackOverflowMidCallIsARemoteErrorAndTheWorkerServesOn() throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            warmUp(parallel);
            long t0 = System.nanoTime();
            Call call = Call.start(() -> parallel.apply(Trigger.STACK_OVERFLOW.argument(N)));
            Object thrown = call.await(10_000);
            long millis = call.millisFrom(t0);
            assertThat(thrown).isInstanceOf(RemoteOperatorException.class);
            RemoteOperatorException e = (RemoteOperatorException) thrown;
            assertThat(e.remoteClassName()).isEqualTo("java.lang.StackOverflowError");
            assertThat(e.getCause().getStackTrace()).as("the remote stack travels").isNotEmpty();
            assertThat(millis).isLessThan(BOUND_MILLIS);
            Figures.record("StackOverflowError", "mid-call", millis);
            Figures.message("StackOverflowError", "mid-call", thrown);
            assertThat(parallel.apply(new double[] {1, 2, 3, 4})).containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
        }
    }

    // ---- output where it does not belong ----------------------------------------------------

    @Test
    @Timeout(30)
    void megabytesOnStdoutAndStderrMidCallNeitherDeadlockNorCorrupt() throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            double[] x = Trigger.PRINT_MEGABYTES.argument(N);
            long t0 = System.nanoTime();
            Call call = Call.start(() -> parallel.apply(x));
            Object result = call.await(20_000);
            long millis = call.millisFrom(t0);
            assertThat(result).isInstanceOf(double[].class);
            assertThat((double[]) result).containsExactly(x[0], 0, 0, 0, x[0], 0, 0, 0);
            assertThat(parallel.apply(new double[] {5, 6, 7, 8})).containsExactly(5, 6, 7, 8, 5, 6, 7, 8);
            Figures.record("4 MiB to stdout + 4 MiB to stderr (call time)", "mid-call", millis);
                    }
    }

    @Test
    @Timeout(30)
    void megabytesPrintedWhileIdleNeitherDeadlockNorCorrupt() throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            parallel.apply(Trigger.PRINT_MEGABYTES_LATER.argument(N, 0));
            long worst = 0;
            for (int i = 0; i < 40; i++) {
                double[] x = {i, i + 1, i + 2, i + 3};
                long t0 = System.nanoTime();
                assertThat(parallel.apply(x)).as("call %s while a thread prints", i)
                        .containsExactly(i, i + 1, i + 2, i + 3, i, i + 1, i + 2, i + 3);
                worst = Math.max(worst, millisSince(t0));
                Thread.sleep(10);
            }
            Figures.record("4 MiB to stdout + 4 MiB to stderr (worst call)", "idle", worst);
        }
    }

    @Test
    @Timeout(20)
    void rawBytesOnFileDescriptorOneMidCallAreReportedWithTheirText() throws Exception {
        var parallel = twoWorkers(WorkerOptions.defaults());
        List<ProcessHandle> workers = parallel.workerProcesses();
        warmUp(parallel);
        long t0 = System.nanoTime();
        Call call = Call.start(() -> parallel.apply(Trigger.RAW_STDOUT.argument(N)));
        Object thrown = call.await(5000);
        long millis = call.millisFrom(t0);
        assertThat(thrown).isInstanceOf(WorkerProtocolException.class);
        assertThat((Throwable) thrown).hasMessageContaining("native code says hello on fd 1");
        assertThat(millis).isLessThan(BOUND_MILLIS);
        assertGoneWithinBound(workers);
        Figures.record("raw bytes on fd 1", "mid-call", millis);
        Figures.message("raw bytes on fd 1", "mid-call", thrown);
        parallel.close();
    }

    @Test
    @Timeout(20)
    void rawBytesOnFileDescriptorOneWhileIdleAreReportedWithTheirTextAtTheNextCall() throws Exception {
        var parallel = twoWorkers(WorkerOptions.defaults());
        List<ProcessHandle> workers = parallel.workerProcesses();
        parallel.apply(Trigger.RAW_STDOUT_LATER.argument(N, 100)); // after this call's reply
        Thread.sleep(300);
        long t0 = System.nanoTime();
        Call call = Call.start(() -> parallel.apply(new double[] {1, 2, 3, 4}));
        Object thrown = call.await(5000);
        long millis = call.millisFrom(t0);
        assertThat(thrown).isInstanceOf(WorkerProtocolException.class);
        assertThat((Throwable) thrown).hasMessageContaining("a stray thread says hello on fd 1");
        assertThat(millis).isLessThan(BOUND_MILLIS);
        assertGoneWithinBound(workers);
        Figures.record("raw bytes on fd 1", "idle", millis);
        Figures.message("raw bytes on fd 1", "idle", thrown);
        parallel.close();
    }

    // ---- the worker cannot start --------------------------------------------------------------

    /**
     * A startup error comes after the JVMs started (or failed to): its latency is the start-up of
     * two JVMs, about 0.1–1 s on a shared 2-core machine, not the time to notice a death.
     */
    private static final long STARTUP_BOUND_MILLIS = 5000;

    @Test
    @Timeout(20)
    void aBadJvmFlagGivesAStartupErrorWithTheChildsOwnWords() {
        long t0 = System.nanoTime();
        Throwable thrown = catchAny(() -> twoWorkers(WorkerOptions.defaults().withJvmArgs(List.of("-XX:+NoSuchFlagAtAll"))));
        long millis = millisSince(t0);
        assertThat(thrown).isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("Unrecognized VM option 'NoSuchFlagAtAll'")
                .hasMessageContaining("status 1");
        assertThat(millis).isLessThan(STARTUP_BOUND_MILLIS);
        Figures.record("bad JVM flag", "startup", millis);
        Figures.message("bad JVM flag", "startup", thrown);
    }

    @Test
    @Timeout(20)
    void anOperatorClassMissingFromTheWorkersClasspathGivesAStartupErrorNamingIt() throws Exception {
        Operator ghost = ghostOutsideTheClasspath(N);
        String name = ghost.getClass().getName();
        assertThat(name).isEqualTo("io.github.regpy4j.hostile.Gh0st");
        long t0 = System.nanoTime();
        Throwable thrown = catchAny(() -> new ParallelVectorOfOperators(List.of(new Misbehaving(N), ghost)));
        long millis = millisSince(t0);
        assertThat(thrown).isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("worker 1")
                .hasMessageContaining(name)
                .hasMessageContaining("classpath");
        assertThat(millis).isLessThan(STARTUP_BOUND_MILLIS);
        Figures.record("operator class not on the worker's classpath", "startup", millis);
        Figures.message("operator class not on the worker's classpath", "startup", thrown);
    }

    /**
     * A copy of {@link Ghost} renamed {@code Gh0st} (same length, so the class file stays valid),
     * defined by a throwaway {@link URLClassLoader} whose directory is deleted at once: the parent
     * has the class, no classpath of a child can have it.
     */
    static Operator ghostOutsideTheClasspath(int n) throws Exception {
        byte[] bytes;
        try (InputStream in = Ghost.class.getResourceAsStream("Ghost.class")) {
            bytes = in.readAllBytes();
        }
        byte[] from = "regpy4j/hostile/Ghost".getBytes(StandardCharsets.UTF_8);
        byte[] to = "regpy4j/hostile/Gh0st".getBytes(StandardCharsets.UTF_8);
        int replaced = 0;
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
                replaced++;
            }
        }
        assertThat(replaced).as("occurrences of the class name in Ghost.class").isPositive();
        Path dir = Files.createTempDirectory("hostile-ghost-");
        try {
            Path file = dir.resolve("io/github/regpy4j/hostile/Gh0st.class");
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, Ghost.class.getClassLoader());
            Class<?> c = loader.loadClass("io.github.regpy4j.hostile.Gh0st");
            return (Operator) c.getConstructor(int.class).newInstance(n);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One ordinary call first: the latency of a death in the middle of a call should not include
     * a cold worker's first call (class loading and interpretation take a few hundred ms under load).
     */
    static void warmUp(ParallelVectorOfOperators parallel) {
        assertThat(parallel.apply(new double[] {1, 2, 3, 4})).containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
    }

    static Throwable catchAny(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    static Duration bound() {
        return Duration.ofMillis(BOUND_MILLIS);
    }
}
