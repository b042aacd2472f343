package io.github.regpy4j.worker.internal;

/**
 * The exit statuses of a worker process, and how the parent explains them. A worker ends
 * through {@link #halt(int, String)}: exit never waits on user code (shutdown hooks, finalizers,
 * threads the operator left running). The one exception is a {@code break} in a JVM that runs a
 * tool writing its results in a shutdown hook ({@link ExitHooks}): a profile or a coverage record
 * the user asked for is worth the wait, which the parent bounds.
 */
public final class WorkerExit {

    /** Ended on {@code break} or end of stdin: the parent asked, or went away cleanly. */
    public static final int NORMAL = 0;
    /** The bytes on stdin were not frames. */
    public static final int PROTOCOL_ERROR = 70;
    /** The parent process is gone. */
    public static final int PARENT_GONE = 71;
    /** A command outlived its time limit. */
    public static final int TIMEOUT = 72;
    /** The worker itself failed (e.g. out of memory while answering). */
    public static final int INTERNAL_ERROR = 73;
    /** Writing to the parent failed: the pipe is gone. */
    public static final int CHANNEL_LOST = 74;
    /** Idle and nothing heard from the parent for longer than the idle silence: no heartbeat, parent presumed gone. */
    public static final int PARENT_SILENT = 75;
    /**
     * The worker ran out of memory outside the operator and cannot answer. A status of its own:
     * with the heap full, the worker may not manage to write a word to stderr.
     */
    public static final int OUT_OF_MEMORY = 76;

    /** The parent's pid, once known: its shared-memory regions are removed when it dies. */
    private static volatile long parentPid = -1;

    static {
        // Loads java.lang.Shutdown (through ApplicationShutdownHooks) now, while there is memory:
        // Runtime.halt needs it, loading a class allocates, and a worker may have to halt because
        // its heap is full. Seen: the first halt of a worker threw OutOfMemoryError instead.
        Runtime.getRuntime().removeShutdownHook(new Thread());
    }

    private WorkerExit() {}

    static void parentIs(long pid) {
        parentPid = pid;
    }

    /**
     * @param status an exit status of a worker process
     * @return what it means, e.g. {@code "71 (parent gone)"}, {@code "137 (killed by signal 9, SIGKILL)"}
     */
    public static String describe(int status) {
        String meaning = switch (status) {
            case NORMAL -> "normal exit";
            case PROTOCOL_ERROR -> "protocol error";
            case PARENT_GONE -> "parent gone";
            case TIMEOUT -> "command timed out";
            case INTERNAL_ERROR -> "internal error of the worker";
            case CHANNEL_LOST -> "channel to the parent lost";
            case PARENT_SILENT -> "no heartbeat from the parent";
            case 255 -> "exit status 255: ssh's status for a failed or lost connection";
            case OUT_OF_MEMORY -> "out of memory (OutOfMemoryError) outside the operator";
            case 1 -> "System.exit(1), or the JVM could not start";
            default -> status > 128 && status < 160 ? "killed by signal " + (status - 128) + signalName(status - 128)
                    : "exit status " + status;
        };
        return status + " (" + meaning + ")";
    }

    /**
     * A parent killed in the middle of its first call with a new shared-memory region leaves the
     * region's name behind; its workers outlive it by a moment and remove it.
     */
    private static void removeRegionsOfDeadParent() {
        long pid = parentPid;
        // Not the parent pid from /proc: a dying parent closes its pipes (the worker's end of file)
        // before the kernel gives its children another parent, so that would still name it.
        // And the end of file can arrive while the dying parent still exists for a few milliseconds
        // (longer on a loaded machine): wait a moment for it to be gone rather than keep its regions.
        if (pid < 0 || !goneWithin(pid, PARENT_EXIT_WAIT_MILLIS)) {
            return;
        }
        try (java.nio.file.DirectoryStream<java.nio.file.Path> left = java.nio.file.Files.newDirectoryStream(
                SharedRegion.DIRECTORY, "regpy4j-" + pid + "-*")) {
            for (java.nio.file.Path p : left) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Best effort.
        }
    }

    /** How long a worker that lost its stdin waits for its parent to be gone before it cleans up. */
    private static final long PARENT_EXIT_WAIT_MILLIS = 500;

    /** @return whether process {@code pid} is gone now or within {@code millis} */
    private static boolean goneWithin(long pid, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> ", SIGKILL";
            case 15 -> ", SIGTERM";
            case 6 -> ", SIGABRT: the JVM aborted";
            case 11 -> ", SIGSEGV";
            case 2 -> ", SIGINT";
            case 1 -> ", SIGHUP";
            default -> "";
        };
    }

    /**
     * Ends this worker now: its own child processes first, then the JVM, without running user code.
     *
     * @param status the exit status
     * @param reason why, for the worker's stderr
     */
    static void halt(int status, String reason) {
        halt(status, reason, status == PARENT_GONE || status == PARENT_SILENT || status == NORMAL);
    }

    /**
     * Ends this worker on its parent's {@code break}: the parent is alive and owns its regions, so
     * there is nothing to clean up and no need to ask (which costs {@link ProcessHandle}'s start).
     */
    static void haltOnBreak() {
        halt(NORMAL, "break", false, ExitHooks.wanted());
    }

    private static void halt(int status, String reason, boolean parentMayBeGone) {
        halt(status, reason, parentMayBeGone, false);
    }

    private static void halt(int status, String reason, boolean parentMayBeGone, boolean runHooks) {
        try {
            if (status != NORMAL) {
                WorkerLog.line("exiting with " + describe(status) + ": " + reason);
            }
            try {
                // ProcessHandle starts a thread pool: asked only when there may be children to end.
                if (ProcSelf.mayHaveChildren()) {
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                }
            } catch (RuntimeException e) {
                // Best effort: nothing must stop the halt.
            }
            if (parentMayBeGone) {
                removeRegionsOfDeadParent();
            }
            WorkerLog.flush();
            if (runHooks) {
                System.exit(status);
            }
        } finally {
            // Also when the above ran out of memory: a halt that throws would leave the worker running.
            Runtime.getRuntime().halt(status);
        }
    }
}
