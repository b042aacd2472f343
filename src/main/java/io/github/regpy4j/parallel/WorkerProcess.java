package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.EncodedFrame;
import io.github.regpy4j.worker.internal.FrameEncoder;
import io.github.regpy4j.worker.internal.FrameFormat;
import io.github.regpy4j.worker.internal.FrameReader;
import io.github.regpy4j.worker.internal.Hello;
import io.github.regpy4j.worker.internal.MessageCodec;
import io.github.regpy4j.worker.internal.ProtocolException;
import io.github.regpy4j.worker.internal.Reply;
import io.github.regpy4j.worker.internal.Request;
import io.github.regpy4j.worker.internal.WorkerExit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker JVM seen from the parent: its process, the two ends of its channel, and its stderr.
 * Reads and writes happen on the calling thread, so a reply reaches the caller without a thread
 * hand-off; a worker that dies closes its stdout, which ends a blocked read at once.
 */
final class WorkerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    /** The most text a worker may print to stdout before its hello; a JVM's startup notes are a few lines. */
    static final int TEXT_BEFORE_HELLO_LIMIT = 64 << 10;

    /** Why the parent ended a worker on purpose; {@code null} while it has not. */
    enum KillReason {
        TIMEOUT, STARTUP_TIMEOUT, CLOSED
    }

    /** Position in the current group, and the name messages use; both change when a pooled worker is reused. */
    volatile int index;
    volatile String name;
    /** Whether the hello has been read: a pooled worker has been through it already. */
    volatile boolean greeted;
    /** Where the worker runs, appended to its name, e.g. {@code " on node1:22 (ssh)"}; empty when local. */
    private volatile String location = "";
    private final Process process;
    private final OutputStream stdin;
    private final FrameReader reader;
    private final MessageCodec decoder = new MessageCodec();
    /** Large results are decoded from the pipe's pieces straight into their place. */
    private final io.github.regpy4j.worker.internal.FrameReader.VectorHead replyHead = decoder.replyHead();
    /** Encodes the frames meant for this worker alone. */
    final FrameEncoder encoder = new FrameEncoder();
    private final StderrDrain stderr;
    private volatile KillReason killReason;
    /** Whether the kernel's OOM killer is what killed it, should it die of SIGKILL. */
    private final OomKillWatch oomKills;

    private WorkerProcess(int index, String name, Process process) {
        this.index = index;
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new FrameReader(process.getInputStream(), FrameFormat.DEFAULT_MAX_PAYLOAD);
        this.stderr = new StderrDrain(process.getErrorStream(), () -> this.name);
        stderr.start();
        this.oomKills = OomKillWatch.of(process.pid());
    }

    static WorkerProcess start(int index, String name, List<String> command) {
        try {
            return new WorkerProcess(index, name, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new WorkerStartupException("cannot start " + name + " with " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    long pid() {
        return process.pid();
    }

    /**
     * @return whether the worker's process is still running. {@code Process.isAlive()} alone can
     *     lag: the JDK marks the process as exited in a callback that may run after other
     *     observers of the same exit (a {@code ProcessHandle.onExit()} of the caller's) have
     *     already seen it, so the operating system's view through the handle is asked as well.
     */
    boolean isAlive() {
        return process.isAlive() && process.toHandle().isAlive();
    }

    void send(EncodedFrame frame, String command) {
        try {
            frame.writeTo(stdin);
        } catch (IOException e) {
            throw failure(command, e);
        }
    }

    void send(Request request, String command) {
        send(MessageCodec.encode(encoder, request), command);
    }

    Reply receive(String command, long sequence) {
        return receive(command, sequence, null, 0, 0);
    }

    /**
     * Reads the reply to request {@code sequence}; an inline vector of {@code expected} doubles
     * goes straight into {@code into} at {@code offset}, and the reply's vector is then {@code
     * into} itself.
     *
     * @param into where an inline result goes, or {@code null} for an array of its own. Modified.
     */
    Reply receive(String command, long sequence, double[] into, int offset, int expected) {
        return receive(command, sequence, into, offset, expected, null);
    }

    /**
     * As {@link #receive(String, long, double[], int, int)}, with the doubles of an inline result
     * of {@code expected} doubles handed to {@code sink} as they arrive; the reply's vector is
     * then {@code into}, which is not written here. A result that does not come that way (in
     * shared memory, of another length, or none) is decoded as usual, into an array of its own.
     *
     * @param sink takes the result's doubles in order, or {@code null} to write them into {@code into}
     */
    Reply receive(String command, long sequence, double[] into, int offset, int expected,
            FrameReader.VectorSink sink) {
        try {
            if (!reader.next(replyHead, into, offset, expected, sink)) {
                throw failure(command, null);
            }
            Reply r = into == null || (sink != null && reader.lifted() != into) ? decoder.decodeReply(reader)
                    : decoder.decodeReplyInto(reader, into, offset, expected);
            if (r.sequence() != sequence) {
                throw protocolError(command, new ProtocolException("expected the reply to request " + sequence
                        + " but got one to request " + r.sequence()));
            }
            return r;
        } catch (ProtocolException e) {
            throw protocolError(command, e);
        } catch (IOException e) {
            throw failure(command, e);
        }
    }

    Hello receiveHello() {
        String during = "startup";
        try {
            String text = reader.skipTextBeforeFrame(TEXT_BEFORE_HELLO_LIMIT);
            if (!text.isEmpty()) {
                LOG.info("{} printed to stdout before its handshake (a JVM option such as -XX:StartFlightRecording, "
                        + "or a remote shell's greeting); skipped: {}", name, text.strip());
            }
            if (!reader.next()) {
                throw failure(during, null);
            }
            Hello h = decoder.decodeHello(reader);
            greeted = true;
            return h;
        } catch (ProtocolException e) {
            throw protocolError(during, e);
        } catch (IOException e) {
            throw failure(during, e);
        }
    }

    private WorkerException protocolError(String command, ProtocolException e) {
        kill(KillReason.CLOSED);
        return new WorkerProtocolException(name + " wrote to stdout what is not the protocol during " + command + ": "
                + e.getMessage() + "; last lines of its stderr:\n  " + stderr.tail(300), e);
    }

    /** What a broken channel means: a timeout we enforced, a close, or a crash. */
    WorkerException failure(String command, IOException cause) {
        KillReason reason = killReason;
        int status = waitForExit(1000);
        String tail = stderr.tail(reason == null ? 300 : 50);
        String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
        if (reason == KillReason.TIMEOUT) {
            return new WorkerTimeoutException(name + " did not answer " + command
                    + " within its call timeout and was killed; last lines of its stderr:\n  " + tail, null);
        }
        if (reason == KillReason.STARTUP_TIMEOUT) {
            return new WorkerStartupException(name + " did not finish starting within the startup timeout and was killed;"
                    + " last lines of its stderr:\n  " + tail);
        }
        if (reason == KillReason.CLOSED) {
            return new ClosedDuringCall(name + " was closed during " + command);
        }
        if (status == WorkerExit.TIMEOUT) {
            // Its own watchdog ended it: it answered TIMEOUT first, but this read came too late for
            // that answer (the group was failed meanwhile for another worker's timeout, say).
            return new WorkerTimeoutException(name + " ran " + command + " past its call timeout and ended itself;"
                    + " last lines of its stderr:\n  " + tail, null);
        }
        String how = status < 0 ? "is still running but closed its stdout"
                : "exited with status " + WorkerExit.describe(status) + oomKills.explain(status);
        return new WorkerCrashedException(name + " died during " + command + ": it " + how + detail
                + "; last lines of its stderr:\n  " + tail, status);
    }

    /** @return the exit status, or -1 if the process is still running after {@code millis} */
    int waitForExit(long millis) {
        try {
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    String stderrTail(long waitMillis) {
        return stderr.tail(waitMillis);
    }

    /** Names where the worker runs, for every message about it (it stays on reuse); returns this worker. */
    @SuppressWarnings("NonAtomicVolatileUpdate") // called once by the starting thread, before the worker is shared
    WorkerProcess at(String where) {
        this.location = where;
        this.name = name + where;
        return this;
    }

    /**
     * Records that the parent ends this worker on purpose, unless it already died on its own: a
     * worker that crashed stays a crash even when the group is closed because of it.
     */
    private synchronized void claim(KillReason reason) {
        if (killReason == null && process.isAlive()) {
            killReason = reason;
        }
    }

    /** @return whether the parent ended this worker on purpose (timeout, close, protocol error) */
    boolean killedByParent() {
        return killReason != null;
    }

    /**
     * Runs {@code action} on a thread of its own once the process has exited. Not through {@code
     * Process.onExit()}: the JDK completes that future on the common pool, which from JDK 25 on has
     * a single thread on a machine with 2 processors, and a caller that waits for the call inside a
     * common-pool task (a parallel stream, {@code supplyAsync}) then holds up the very watch that
     * would end its call.
     */
    void onExit(Runnable action) {
        Thread t = new Thread(() -> {
            boolean exited = false;
            while (!exited) {
                try {
                    process.waitFor();
                    exited = true;
                } catch (InterruptedException e) {
                    // Nobody interrupts this thread on purpose; keep watching.
                }
            }
            action.run();
        }, "regpy4j-exit-watch-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    /** Takes this worker into a group. */
    void assign(int index, String name) {
        this.index = index;
        this.name = name + location;
        this.killReason = null;
    }

    /**
     * Asks the worker to forget its operator so another can use it.
     *
     * @return the number of threads its operator left running (0 means clean), or -1 if the
     *     worker did not answer as it should
     */
    int reset(long sequence) {
        try {
            send(Request.reset(sequence), "reset");
            Reply r = receive("reset", sequence);
            return r.code() == io.github.regpy4j.worker.ExitCode.SUCCESS ? (int) r.ping() : -1;
        } catch (WorkerException e) {
            return -1;
        }
    }

    /** Asks the worker to end: {@code break}, then end of stdin. Never blocks on a busy worker's full pipe for long. */
    void requestBreak() {
        claim(KillReason.CLOSED);
        try {
            MessageCodec.encode(new FrameEncoder(), Request.breakRequest(-1)).writeTo(stdin);
        } catch (IOException | RuntimeException e) {
            // Already gone, or the pipe is full: the kill that follows ends it.
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // Same.
        }
    }

    /** Ends the worker and everything it started, now. */
    void kill(KillReason reason) {
        claim(reason);
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            // The process may be gone already.
        }
        process.destroyForcibly();
        endGroups(List.of(this));
    }

    /**
     * Ends what is left in the process groups the workers lead (see {@link
     * WorkerCommandLine#SETSID}): the processes their operators started, also those orphaned by a
     * worker that died (killed from outside, {@code Runtime.halt} in the operator), which are no
     * longer its descendants. One scan of {@code /proc}; nothing where there is none.
     *
     * @param workers the workers whose groups to end
     */
    static void endGroups(List<WorkerProcess> workers) {
        if (WorkerCommandLine.SETSID == null || workers.isEmpty()) {
            return;
        }
        java.util.Set<Long> leaders = new java.util.HashSet<>();
        workers.forEach(w -> leaders.add(w.pid()));
        long self = ProcessHandle.current().pid();
        try (java.nio.file.DirectoryStream<java.nio.file.Path> procs = java.nio.file.Files.newDirectoryStream(
                java.nio.file.Paths.get("/proc"), "[0-9]*")) {
            for (java.nio.file.Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self && leaders.contains(processGroupOf(proc))) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Best effort: what is gone needs no ending.
        }
    }

    /** @return field 5 of {@code /proc/<pid>/stat}, the process group, or -1 if the process is gone */
    private static long processGroupOf(java.nio.file.Path proc) {
        try {
            return io.github.regpy4j.worker.internal.ProcStat.field(java.nio.file.Files.readString(proc.resolve("stat")),
                    io.github.regpy4j.worker.internal.ProcStat.PGRP);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The channel failed because the parent closed it on purpose: not the worker's fault. */
    static final class ClosedDuringCall extends WorkerException {
        private static final long serialVersionUID = 1L;

        ClosedDuringCall(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
