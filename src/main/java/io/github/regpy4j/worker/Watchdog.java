package io.github.regpy4j.worker;

import java.util.Optional;

/**
 * Ends the worker as soon as its parent is gone, and enforces time limits. End of file on stdin
 * is seen by the command loop within milliseconds; this thread covers the rest by polling the
 * parent process: its pid (a dead parent's orphans are re-parented, so the parent pid changes)
 * and its start time (a recycled pid starts later).
 */
final class Watchdog implements Runnable {

    private static final long POLL_MILLIS = 100;

    private final WorkerLoop loop;
    private final long parentPid;
    private final Optional<java.time.Instant> parentStart;
    /** The idle silence after which the worker exits; 0 for none. */
    private final long silenceNanos = WorkerSettings.idleSilenceMillis() * 1_000_000;

    private Watchdog(WorkerLoop loop, ProcessHandle parent) {
        this.loop = loop;
        this.parentPid = parent == null ? -1 : parent.pid();
        this.parentStart = parent == null ? Optional.empty() : parent.info().startInstant();
    }

    /** Starts the watchdog thread for the current process's parent. */
    static void start(WorkerLoop loop) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() && WorkerSettings.idleSilenceMillis() == 0) {
            WorkerExit.halt(WorkerExit.PARENT_GONE, "the worker has no parent process");
        }
        // A remote worker may have no visible parent (a container's exec): then heartbeats alone watch it.
        parent.ifPresent(p -> WorkerExit.parentIs(p.pid()));
        Thread t = new Thread(new Watchdog(loop, parent.orElse(null)), "regpy4j-worker-watchdog");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // Never interrupted on purpose; keep watching.
            }
            try {
                if (parentPid >= 0 && !parentAlive()) {
                    WorkerExit.halt(WorkerExit.PARENT_GONE, "parent process " + parentPid + " is gone");
                }
                WorkerLoop.Running r = loop.running();
                if (silenceNanos > 0 && r == null && System.nanoTime() - loop.lastHeardNanos() > silenceNanos) {
                    WorkerExit.halt(WorkerExit.PARENT_SILENT, "idle and nothing heard from the parent for "
                            + silenceNanos / 1_000_000 + " ms (no heartbeat)");
                }
                if (r != null && r.deadlineNanos() != 0 && System.nanoTime() - r.deadlineNanos() > 0) {
                    loop.timeOut(r);
                }
                loop.readAheadIfLong();
            } catch (OutOfMemoryError e) {
                // The operator filled the heap: keep watching (memory may come back); a watchdog that
                // died here would leave parent checks and time limits to nobody.
            }
        }
    }

    private boolean parentAlive() {
        Optional<ProcessHandle> now = ProcessHandle.current().parent();
        if (now.isEmpty() || now.get().pid() != parentPid) {
            return false;
        }
        Optional<java.time.Instant> start = now.get().info().startInstant();
        return parentStart.isEmpty() || start.isEmpty() || start.equals(parentStart);
    }
}
