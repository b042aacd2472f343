package io.github.regpy4j.worker.internal;

import java.util.Optional;

/**
 * Ends the worker as soon as its parent is gone, and enforces time limits. End of file on stdin
 * is seen by the command loop within milliseconds; this thread covers the rest by polling the
 * parent pid: a dead parent's orphans are re-parented at once, so the parent pid changes. On
 * Linux it is read from {@code /proc/self/stat} ({@link ProcSelf}); elsewhere {@link
 * ProcessHandle} gives it, with the parent's start time against a recycled pid.
 */
final class Watchdog implements Runnable {

    private static final long POLL_MILLIS = 100;

    private final WorkerLoop loop;
    private final long parentPid;
    /** Whether the parent is watched through {@code /proc}; else through {@link ProcessHandle}. */
    private final boolean proc;
    private final Optional<java.time.Instant> parentStart;
    /** The idle silence after which the worker exits; 0 for none. */
    private final long silenceNanos = WorkerSettings.idleSilenceMillis() * 1_000_000;

    private Watchdog(WorkerLoop loop, long parentPid, boolean proc, Optional<java.time.Instant> parentStart) {
        this.loop = loop;
        this.parentPid = parentPid;
        this.proc = proc;
        this.parentStart = parentStart;
    }

    /** Starts the watchdog thread for the current process's parent. */
    @SuppressWarnings("ThreadPriorityCheck") // a hint only: correctness never depends on it; it helps the
    // watchdog run on time when the worker's compute threads saturate the cores
    static void start(WorkerLoop loop) {
        long ppid = ProcSelf.parentPid();
        boolean proc = ppid >= 0;
        Optional<java.time.Instant> parentStart = Optional.empty();
        if (!proc) {
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            if (parent.isPresent()) {
                ppid = parent.get().pid();
                parentStart = parent.get().info().startInstant();
            }
        }
        boolean noParent = ppid <= 0;
        if (noParent && WorkerSettings.idleSilenceMillis() == 0) {
            WorkerExit.halt(WorkerExit.PARENT_GONE, "the worker has no parent process");
        }
        // A remote worker may have no visible parent (a container's exec): then heartbeats alone watch it.
        if (!noParent) {
            WorkerExit.parentIs(ppid);
        }
        Thread t = new Thread(new Watchdog(loop, noParent ? -1 : ppid, proc, parentStart), "regpy4j-worker-watchdog");
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
        if (proc) {
            // A failed read (an operator that used up the file descriptors, say) proves nothing:
            // end of file on stdin still ends the worker when the parent goes.
            long now = ProcSelf.parentPid();
            return now < 0 || now == parentPid;
        }
        Optional<ProcessHandle> now = ProcessHandle.current().parent();
        if (now.isEmpty() || now.get().pid() != parentPid) {
            return false;
        }
        Optional<java.time.Instant> start = now.get().info().startInstant();
        return parentStart.isEmpty() || start.isEmpty() || start.equals(parentStart);
    }
}
