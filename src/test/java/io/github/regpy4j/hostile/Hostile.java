package io.github.regpy4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.parallel.ParallelVectorOfOperators;
import io.github.regpy4j.parallel.WorkerOptions;
import io.github.regpy4j.testing.Misbehaving;
import io.github.regpy4j.testing.Processes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Shared moves of the hostile suite: start a group of misbehaving workers, signal a process, run a call on another thread. */
final class Hostile {

    /** The bound: a dead worker is reported, and every worker of its group gone, within this. */
    static final long BOUND_MILLIS = 1000;
    /** Entries of the operators' domain. */
    static final int N = 4;

    private Hostile() {}

    /** @return two {@link Misbehaving} workers on ℝ⁴ */
    static ParallelVectorOfOperators twoWorkers(WorkerOptions options) {
        return new ParallelVectorOfOperators(List.of(new Misbehaving(N), new Misbehaving(N)), options);
    }

    /** Sends {@code kill -<signal>} to a process; returns {@link System#nanoTime()} just before. */
    static long signal(ProcessHandle p, String signal) throws Exception {
        long t0 = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        assertThat(kill.waitFor()).as("kill -%s %s", signal, p.pid()).isZero();
        return t0;
    }

    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Fails unless every process is gone (not running, zombies count as gone) within the bound. */
    static void assertGoneWithinBound(List<ProcessHandle> processes) {
        Processes.millisUntilGone(processes, Duration.ofMillis(BOUND_MILLIS));
    }

    /** A call running on a thread of its own, with the moment it ended. */
    static final class Call {
        private final CompletableFuture<Object> result = new CompletableFuture<>();
        private volatile long endNanos;

        static Call start(Supplier<?> body) {
            Call c = new Call();
            Thread t = new Thread(() -> {
                try {
                    Object r = body.get();
                    c.endNanos = System.nanoTime();
                    c.result.complete(r);
                } catch (Throwable e) {
                    c.endNanos = System.nanoTime();
                    c.result.complete(e);
                }
            }, "hostile-call");
            t.setDaemon(true);
            t.start();
            return c;
        }

        /** @return what the call returned, or what it threw; fails if it does not end in {@code millis} */
        Object await(long millis) throws Exception {
            return result.get(millis, TimeUnit.MILLISECONDS);
        }

        /** @return the milliseconds from {@code t0} to the end of the call */
        long millisFrom(long t0) {
            return (endNanos - t0) / 1_000_000;
        }
    }
}
