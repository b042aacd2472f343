package io.github.regpy4j.hostile;

import static io.github.regpy4j.hostile.Hostile.BOUND_MILLIS;
import static io.github.regpy4j.hostile.Hostile.N;
import static io.github.regpy4j.hostile.Hostile.millisSince;
import static io.github.regpy4j.hostile.Hostile.signal;
import static io.github.regpy4j.hostile.Hostile.twoWorkers;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.hostile.Hostile.Call;
import io.github.regpy4j.parallel.WorkerCrashedException;
import io.github.regpy4j.parallel.WorkerException;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.parallel.WorkerTimeoutException;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Misbehaving.Trigger;
import io.github.regpy4j.testing.Processes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operator that starts a process of its own ({@code sleep 600.<tag>}): whichever way its
 * worker ends, the grandchild ends with it. The grandchild is looked up by its command line among
 * all processes of the machine, since an orphan is re-parented and is no longer a descendant.
 */
class GrandchildTest {

    /** Tags unique on this machine: other test runs may be starting marked sleeps too. */
    private static final AtomicLong TAGS = new AtomicLong(ProcessHandle.current().pid() * 1000);

    private String marker;

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
        if (marker != null) {
            Processes.assertNoneRunningWith(marker, Duration.ofSeconds(3));
        }
    }

    private double[] startGrandchildren(Trigger trigger) {
        long tag = TAGS.incrementAndGet();
        marker = "sleep " + Misbehaving.markedSleep(tag);
        return trigger.argument(N, tag);
    }

    private void awaitGrandchildren(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Processes.runningWithCommandLineContaining(marker).size() < count) {
            assertThat(System.nanoTime()).as("%s grandchildren '%s' started within 5 s", count, marker).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void assertGrandchildrenGoneWithinBound(long t0, String scenario, String phase) {
        Processes.assertNoneRunningWith(marker, Duration.ofMillis(BOUND_MILLIS));
        long millis = millisSince(t0);
        assertThat(millis).as("%s: until the grandchildren '%s' are gone", scenario, marker).isLessThan(BOUND_MILLIS);
        Figures.record(scenario, phase, millis);
    }

    @Test
    @Timeout(20)
    void closeDuringACallEndsTheOperatorsSubprocess() throws Exception {
        var parallel = twoWorkers(WorkerOptions.defaults());
        double[] x = startGrandchildren(Trigger.SUBPROCESS_MARKED);
        Call call = Call.start(() -> parallel.apply(x));
        awaitGrandchildren(2);
        long t0 = System.nanoTime();
        parallel.close();
        assertThat(call.await(5000)).isInstanceOf(WorkerException.class);
        assertGrandchildrenGoneWithinBound(t0, "operator's subprocess, worker closed", "mid-call");
    }

    @Test
    @Timeout(20)
    void aCallTimeoutEndsTheOperatorsSubprocess() throws Exception {
        var parallel = twoWorkers(WorkerOptions.defaults().withCallTimeout(Duration.ofMillis(500)));
        double[] x = startGrandchildren(Trigger.SUBPROCESS_MARKED);
        Call call = Call.start(() -> parallel.apply(x));
        awaitGrandchildren(2);
        Object thrown = call.await(5000);
        long t0 = System.nanoTime();
        assertThat(thrown).isInstanceOf(WorkerTimeoutException.class);
        assertGrandchildrenGoneWithinBound(t0, "operator's subprocess, call timeout", "mid-call");
        parallel.close();
    }

    @Test
    @Timeout(20)
    void closingAnIdleWorkerEndsTheSubprocessItsOperatorLeftRunning() throws Exception {
        var parallel = twoWorkers(WorkerOptions.defaults());
        parallel.apply(startGrandchildren(Trigger.SUBPROCESS_MARKED_RETURN));
        awaitGrandchildren(2);
        long t0 = System.nanoTime();
        parallel.close();
        assertGrandchildrenGoneWithinBound(t0, "operator's subprocess, worker closed", "idle");
    }

    @Test
    @Timeout(20)
    void sigkillOfAWorkerDuringACallEndsItsOperatorsSubprocess() throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            double[] x = startGrandchildren(Trigger.SUBPROCESS_MARKED);
            Call call = Call.start(() -> parallel.apply(x));
            awaitGrandchildren(2);
            long t0 = signal(parallel.workerProcesses().get(0), "KILL");
            assertThat(call.await(5000)).isInstanceOf(WorkerCrashedException.class);
            assertGrandchildrenGoneWithinBound(t0, "operator's subprocess, worker SIGKILLed", "mid-call");
        }
    }

    @Test
    @Timeout(20)
    void sigkillOfAnIdleWorkerEndsTheSubprocessItsOperatorLeftRunning() throws Exception {
        try (var parallel = twoWorkers(WorkerOptions.defaults())) {
            parallel.apply(startGrandchildren(Trigger.SUBPROCESS_MARKED_RETURN));
            awaitGrandchildren(2);
            ProcessHandle victim = parallel.workerProcesses().get(0);
            long t0 = signal(victim, "KILL");
            Object thrown = Call.start(() -> parallel.apply(new double[N])).await(5000);
            assertThat(thrown).isInstanceOf(WorkerCrashedException.class);
            assertGrandchildrenGoneWithinBound(t0, "operator's subprocess, worker SIGKILLed", "idle");
        }
    }
}
