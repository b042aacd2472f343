package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Misbehaving.Trigger;
import io.github.regpy4j.testing.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every way a worker can fail, provoked for real: a typed exception that names the cause, in time, nothing left running. */
@Timeout(60)
class FailureTest {

    private static final int N = 4;
    /** The bound on noticing a dead worker. */
    private static final long CRASH_NOTICE_MILLIS = 1000;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    private static ParallelVectorOfOperators twoWorkers(WorkerOptions options) {
        return new ParallelVectorOfOperators(List.of(new Misbehaving(N), new Misbehaving(N)), options);
    }

    @Test
    void anOperatorThatThrowsKeepsItsTypeMessageAndStackAndEveryWorkerStaysUsable() {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            RemoteOperatorException e = catchThrowableOfType(RemoteOperatorException.class,
                    () -> parallel.apply(Trigger.THROW.argument(N)));
            assertThat(e.remoteClassName()).isEqualTo("java.lang.ArithmeticException");
            assertThat(e.remoteMessage()).isEqualTo("asked to throw");
            assertThat(e).hasMessageContaining("worker 0").hasMessageContaining("eval_nodiff")
                    .hasMessageContaining("java.lang.ArithmeticException: asked to throw");
            assertThat(e.getCause().getStackTrace()[0].getClassName()).isEqualTo(Misbehaving.class.getName());
            assertThat(e.getSuppressed()).as("the second worker's error").hasSize(1);

            double[] x = {1, 2, 3, 4};
            assertThat(parallel.apply(x)).containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
            assertThat(parallel.isRunning()).isTrue();
        }
    }

    @Test
    void theCauseChainTravels() {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            RemoteOperatorException e = catchThrowableOfType(RemoteOperatorException.class,
                    () -> parallel.apply(Trigger.NESTED_CAUSE.argument(N)));
            assertThat(e.getCause()).hasToString("java.lang.IllegalStateException: outer");
            assertThat(e.getCause().getCause().getCause()).hasToString("java.io.IOException: inner cause");
        }
    }

    @Test
    void systemExitInAnOperatorIsACrashNamingWorkerCommandAndStatus() {
        var parallel = twoWorkers(WorkerOptions.defaults());
        long t0 = System.nanoTime();
        WorkerCrashedException e = catchThrowableOfType(WorkerCrashedException.class,
                () -> parallel.linearize(Trigger.EXIT.argument(N)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        // Both workers exit at once; either may be the one reported.
        assertThat(e).hasMessageMatching("(?s).*worker [01] \\(Misbehaving\\) died during eval_nodiff.*")
                .hasMessageContaining("status 3");
        assertThat(e.exitStatus()).isEqualTo(3);
        assertThat(millis).as("time to notice").isLessThan(CRASH_NOTICE_MILLIS + 500);
        assertThat(parallel.isRunning()).as("closed after a crash").isFalse();
        assertThatThrownBy(() -> parallel.apply(new double[N])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed after a worker failed");
        parallel.close();
    }

    @Test
    void killDashNineOfAnIdleWorkerIsNoticedAtTheNextCall() throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            ProcessHandle victim = parallel.workerProcesses().get(1);
            new ProcessBuilder("kill", "-9", Long.toString(victim.pid())).start().waitFor();
            victim.onExit().get(5, TimeUnit.SECONDS);
            WorkerCrashedException e = catchThrowableOfType(WorkerCrashedException.class,
                    () -> parallel.apply(new double[N]));
            assertThat(e).hasMessageContaining("worker 1").hasMessageContaining("SIGKILL");
            assertThat(e.exitStatus()).isEqualTo(137);
        }
    }

    @Test
    void killDashNineDuringACallIsNoticedWithinASecond() throws Exception {
        assertKillMidCallIsNoticed(0);
    }

    @Test
    void aWorkerThatDiesWhileAnEarlierOneStillComputesIsNoticedWithinASecond() throws Exception {
        // Replies are read in worker order: without a watch on the processes, worker 1's death
        // would show only when worker 0 answers (here: never).
        assertKillMidCallIsNoticed(1);
    }

    /** Starts a call in which every worker sleeps; the future gives what the call threw, or null. */
    private static CompletableFuture<Throwable> hangInBackground(ParallelVectorOfOperators parallel) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                parallel.apply(Trigger.SLEEP.argument(N));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    /** Kills one worker with SIGKILL while both sleep in a call; the call must fail with its crash, in time. */
    private static void assertKillMidCallIsNoticed(int victim) throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            ProcessHandle handle = parallel.workerProcesses().get(victim);
            CompletableFuture<Throwable> call = hangInBackground(parallel);
            Thread.sleep(300);
            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-9", Long.toString(handle.pid())).start();
            Throwable t = call.get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(t).isInstanceOf(WorkerCrashedException.class).hasMessageContaining("worker " + victim)
                    .hasMessageContaining("eval_nodiff").hasMessageContaining("SIGKILL");
            assertThat(millis).as("from kill to exception").isLessThan(CRASH_NOTICE_MILLIS);
        }
    }

    @Test
    void tenThousandPrintedLinesNeitherBlockNorCorruptTheChannel() {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            double[] x = Trigger.PRINT.argument(N);
            assertThat(parallel.apply(x)).containsExactly(x[0], 0, 0, 0, x[0], 0, 0, 0);
            assertThat(parallel.apply(new double[] {5, 6, 7, 8})).containsExactly(5, 6, 7, 8, 5, 6, 7, 8);
        }
    }

    @Test
    void rawBytesOnFileDescriptorOneAreReportedWithTheirText() {
        var parallel = twoWorkers(WorkerOptions.defaults());
        WorkerProtocolException e = catchThrowableOfType(WorkerProtocolException.class,
                () -> parallel.apply(Trigger.RAW_STDOUT.argument(N)));
        assertThat(e).hasMessageContaining("native code says hello on fd 1");
        assertThat(parallel.isRunning()).isFalse();
        parallel.close();
    }

    @Test
    void aCallOverTheTimeoutFailsWithWhereItWasStuckAndEndsTheWorkers() {
        var parallel = twoWorkers(WorkerOptions.defaults().withCallTimeout(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        WorkerTimeoutException e = catchThrowableOfType(WorkerTimeoutException.class,
                () -> parallel.apply(Trigger.SLEEP.argument(N)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e).hasMessageContaining("eval_nodiff").hasMessageContaining("300 ms");
        assertThat(e.getCause()).as("where the worker was stuck").isNotNull();
        assertThat(List.of(e.getCause().getStackTrace())).anyMatch(f -> f.getClassName().equals(Misbehaving.class.getName()));
        assertThat(millis).isLessThan(300 + 1500);
        assertThat(parallel.isRunning()).isFalse();
        parallel.close();
    }

    /**
     * A timeout under a millisecond is one millisecond, not none (it was sent as 0, which means
     * no timeout, and the call below slept its two seconds out). Timeouts above {@link
     * WorkerOptions#MAX_TIMEOUT} are refused: {@code Duration.ofMillis(Long.MAX_VALUE)}, read as
     * "never", overflowed the backstop's delay and killed the workers at once.
     */
    @Test
    void aTimeoutUnderAMillisecondIsOneAndOneBeyondACenturyIsRefused() {
        assertThat(WorkerOptions.defaults().withCallTimeout(Duration.ofNanos(500_000)).callTimeoutMillis()).isEqualTo(1);
        assertThat(WorkerOptions.defaults().withCallTimeout(Duration.ofMillis(2).plusNanos(1)).callTimeoutMillis())
                .as("rounded up, never cut short").isEqualTo(3);
        assertThat(WorkerOptions.defaults().withCallTimeout(WorkerOptions.MAX_TIMEOUT).callTimeoutMillis())
                .isEqualTo(WorkerOptions.MAX_TIMEOUT.toMillis());
        assertThat(WorkerOptions.defaults().callTimeoutMillis()).as("none").isZero();
        assertThatThrownBy(() -> WorkerOptions.defaults().withCallTimeout(Duration.ofMillis(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 36500 days")
                .hasMessageContaining("withoutCallTimeout()");
        assertThatThrownBy(() -> WorkerOptions.defaults().withStartupTimeout(java.time.temporal.ChronoUnit.FOREVER
                .getDuration())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startup timeout");

        var parallel = twoWorkers(WorkerOptions.defaults().withCallTimeout(Duration.ofNanos(500_000)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> parallel.apply(Trigger.SLEEP.argument(N, 2000)))
                .isInstanceOf(WorkerTimeoutException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until a 2 s sleep under a 0.5 ms timeout failed")
                .isLessThan(1500);
        parallel.close();
    }

    @Test
    void closeIsBoundedWhileAWorkerHangsInACall() throws Exception {
        var parallel = twoWorkers(WorkerOptions.defaults());
        CompletableFuture<Throwable> call = hangInBackground(parallel);
        Thread.sleep(300);
        long t0 = System.nanoTime();
        parallel.close();
        parallel.close();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(millis).as("close while a call hangs").isLessThan(3000);
        assertThat(call.get(5, TimeUnit.SECONDS)).isInstanceOf(WorkerException.class).hasMessageContaining("closed");
    }

    @Test
    void callsFromManyThreadsAreSerializedAndAllCorrect() throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            List<CompletableFuture<Boolean>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final double base = 10 * (t + 1);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    for (int i = 0; i < 50; i++) {
                        double[] x = {base + i, 1, 2, 3};
                        double[] y = parallel.apply(x);
                        if (y[0] != x[0] || y[4] != x[0]) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (CompletableFuture<Boolean> c : calls) {
                assertThat(c.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void anOperatorThatCannotTravelFailsInTheParentNamingClassAndFieldBeforeAnyProcessStarts() {
        Operator holdsAStream = new HoldsAStream(3);
        assertThatThrownBy(() -> new ParallelVectorOfOperators(List.of(new Misbehaving(3), holdsAStream)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator 1")
                .hasMessageContaining(HoldsAStream.class.getName())
                .hasMessageContaining("input")
                .hasMessageContaining("FileInputStream");
        assertThat(ProcessHandle.current().descendants().count()).isZero();
    }

    @Test
    void aBadJvmFlagIsAStartupErrorCarryingTheChildsStderr() {
        assertThatThrownBy(() -> twoWorkers(WorkerOptions.defaults().withJvmArgs(List.of("-XX:+NoSuchFlagAnywhere"))))
                .isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("NoSuchFlagAnywhere");
    }

    @Test
    void aWorkerOfAnotherProtocolVersionIsRefusedNamingBothVersions() {
        assertThatThrownBy(() -> twoWorkers(WorkerOptions.defaults()
                .withJvmArgs(List.of("-Dregpy4j.worker.protocolVersion=99"))))
                .isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("protocol version 99")
                .hasMessageContaining("speaks version " + io.github.regpy4j.worker.internal.Hello.PROTOCOL_VERSION);
    }

    @Test
    void theStartupTimeoutBoundsAHandshakeThatNeverComes() {
        // -Xshare:off and a tiny limit: the JVM cannot possibly be ready in 1 ms.
        assertThatThrownBy(() -> twoWorkers(WorkerOptions.defaults().withStartupTimeout(Duration.ofMillis(1))))
                .isInstanceOf(WorkerStartupException.class)
                .hasMessageContaining("startup timeout");
    }

    /** An operator with a field that cannot be copied to another JVM. */
    static final class HoldsAStream extends Operator {
        private final java.io.InputStream input;

        HoldsAStream(int n) {
            super(io.github.regpy4j.vecsps.VectorSpace.real(n), io.github.regpy4j.vecsps.VectorSpace.real(n), true);
            try {
                this.input = new java.io.FileInputStream("/dev/null");
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        protected double[] evaluate(double[] x, boolean differentiate) {
            return x.clone();
        }
    }
}
