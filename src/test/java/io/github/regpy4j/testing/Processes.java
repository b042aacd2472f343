package io.github.regpy4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Assertions about the processes this JVM started. */
public final class Processes {

    private Processes() {}

    /** Fails unless this JVM has no descendant process (waiting up to 3 s for exits in progress). */
    public static void assertNoDescendants() {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        }
        assertThat(left).as("descendant processes left running: %s",
                left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty();
    }

    /** @return pid, parent pid, and the program with its last argument: short enough for a failure message */
    public static String describe(ProcessHandle p) {
        String args = p.info().arguments().map(a -> a.length == 0 ? "" : " … " + a[a.length - 1]).orElse("");
        return p.pid() + " (parent " + p.parent().map(ProcessHandle::pid).orElse(-1L) + ") "
                + p.info().command().orElse("?") + args;
    }

    /**
     * Whether a process is running: alive and not a zombie. An orphan that exited stays a zombie
     * until its new parent reaps it, and in some containers pid 1 reaps only about once a second;
     * {@link ProcessHandle#isAlive()} counts zombies as alive.
     */
    public static boolean isRunning(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false; // gone between the two looks
        }
    }

    /** @return the milliseconds until no handle is {@linkplain #isRunning running}, or fails after {@code limit} */
    public static long millisUntilGone(List<ProcessHandle> handles, Duration limit) {
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        while (handles.stream().anyMatch(Processes::isRunning)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("processes still alive after " + limit.toMillis() + " ms: "
                        + handles.stream().filter(Processes::isRunning).map(ProcessHandle::pid).toList());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Every running process of this machine whose command line contains {@code marker}, whoever
     * its parent is now: a grandchild orphaned by a dead worker is re-parented and no longer a
     * descendant of this JVM, so {@link #assertNoDescendants()} cannot see it.
     */
    public static List<ProcessHandle> runningWithCommandLineContaining(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                        || p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .filter(Processes::isRunning)
                .toList();
    }

    /** Fails unless, within {@code limit}, no running process has {@code marker} in its command line. */
    public static void assertNoneRunningWith(String marker, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> left = runningWithCommandLineContaining(marker);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = runningWithCommandLineContaining(marker);
        }
        assertThat(left).as("processes with %s in their command line still running: %s", marker,
                left.stream().map(Processes::describe).toList()).isEmpty();
    }
}
