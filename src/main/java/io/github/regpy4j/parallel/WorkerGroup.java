package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.worker.Command;
import io.github.regpy4j.worker.EncodedFrame;
import io.github.regpy4j.worker.ExitCode;
import io.github.regpy4j.worker.FrameEncoder;
import io.github.regpy4j.worker.Hello;
import io.github.regpy4j.worker.MessageCodec;
import io.github.regpy4j.worker.OperatorTransport;
import io.github.regpy4j.worker.RegionDeclaration;
import io.github.regpy4j.worker.SharedVector;
import java.io.IOException;
import io.github.regpy4j.worker.Reply;
import io.github.regpy4j.worker.Request;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N worker JVMs serving one operator each, driven together. Port of regpy's
 * {@code ParallelInterface}: {@link #call(Command, double[][])} is its {@code compute_all}.
 *
 * <p>One call at a time: calls from several threads are serialized, never interleaved on a pipe.
 * An argument shared by all workers is encoded once and the same bytes go to every pipe. Small
 * messages are written and read on the calling thread; large ones go through one I/O thread per
 * worker so the transfers overlap. {@link #close()} may come from any thread at any time, also
 * during a call, and is bounded.
 */
final class WorkerGroup {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerGroup.class);
    /** Above this many bytes in a request or reply, transfers run concurrently on I/O threads. */
    private static final int CONCURRENT_TRANSFER_BYTES = 48 * 1024;
    /** How long the parent waits past a call timeout for the worker's own TIMEOUT reply before killing it. */
    private static final long TIMEOUT_GRACE_MILLIS = 1000;
    /** How long close waits for workers to leave after {@code break} before killing them. */
    private static final long BREAK_GRACE_MILLIS = 1000;
    private static final AtomicInteger GROUP_IDS = new AtomicInteger();

    private final String label;
    private final List<WorkerProcess> workers;
    private final WorkerOptions options;
    private final int[] domainBytes;
    private final int[] codomainBytes;
    private final FrameEncoder sharedEncoder = new FrameEncoder();
    private final SharedMemory sharedMemory;
    private final Object callLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean failed;
    /** Whether a call is exchanging messages now: then close kills instead of writing to busy pipes. */
    private volatile boolean inCall;
    private ExecutorService io;
    private long sequence;

    private WorkerGroup(String label, List<WorkerProcess> workers, WorkerOptions options, List<? extends Operator> ops) {
        this.label = label;
        this.workers = workers;
        this.options = options;
        this.domainBytes = ops.stream().mapToInt(o -> 8 * o.domain().realSize()).toArray();
        this.codomainBytes = ops.stream().mapToInt(o -> 8 * o.codomain().realSize()).toArray();
        this.sharedMemory = new SharedMemory(workers.size(), options.sharedMemoryThreshold());
    }

    /**
     * Serializes the operators (failing before any process starts if one cannot travel), starts
     * one worker per operator, all at once, and completes the handshake under the startup timeout.
     *
     * @param owner the name of the owning class, for worker names and messages
     * @param ops the operators, one per worker
     * @param options how to start the workers
     * @return the running group
     * @throws IllegalArgumentException if an operator cannot be serialized
     * @throws WorkerStartupException if a worker cannot start; none is left running
     */
    static WorkerGroup start(String owner, List<? extends Operator> ops, WorkerOptions options) {
        byte[][] bytes = serializeAll(ops);
        Set<Class<?>> classes = new LinkedHashSet<>();
        ops.forEach(o -> classes.add(o.getClass()));
        WorkerCommandLine commandLine = WorkerCommandLine.create(options, classes);
        String label = owner + "#" + GROUP_IDS.incrementAndGet();
        List<WorkerProcess> started = new ArrayList<>(ops.size());
        long t0 = System.nanoTime();
        ScheduledFuture<?> deadline = null;
        try {
            for (int i = 0; i < ops.size(); i++) {
                String name = label + "/worker " + i + " (" + ops.get(i).getClass().getSimpleName() + ")";
                started.add(WorkerProcess.start(i, name, commandLine.command()));
            }
            deadline = Deadlines.after(options.startupTimeout().toMillis(),
                    () -> started.forEach(w -> w.kill(WorkerProcess.KillReason.STARTUP_TIMEOUT)));
            WorkerGroup group = new WorkerGroup(label, List.copyOf(started), options, ops);
            group.handshake(bytes);
            deadline.cancel(false);
            LOG.info("{}: {} workers ready in {} ms (pids {})", label, started.size(),
                    (System.nanoTime() - t0) / 1_000_000, started.stream().map(WorkerProcess::pid).toList());
            LiveGroups.add(group);
            return group;
        } catch (RuntimeException | Error e) {
            if (deadline != null) {
                deadline.cancel(false);
            }
            started.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED));
            started.forEach(w -> w.waitForExit(2000));
            throw e;
        } finally {
            commandLine.deleteArgFile();
        }
    }

    private static byte[][] serializeAll(List<? extends Operator> ops) {
        Map<Operator, byte[]> done = new IdentityHashMap<>();
        byte[][] bytes = new byte[ops.size()][];
        for (int i = 0; i < bytes.length; i++) {
            Operator op = ops.get(i);
            try {
                bytes[i] = done.computeIfAbsent(op, OperatorTransport::serialize);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operator " + i + " (" + op + "): " + e.getMessage(), e.getCause());
            }
        }
        return bytes;
    }

    private void handshake(byte[][] operatorBytes) {
        try {
            exchangeHellos(operatorBytes);
        } catch (WorkerStartupException e) {
            throw e;
        } catch (WorkerException e) {
            throw new WorkerStartupException("a worker failed to start: " + e.getMessage(), e);
        }
    }

    private void exchangeHellos(byte[][] operatorBytes) {
        // The operator goes out before the hello comes back: one round trip saved per worker.
        long seq = ++sequence;
        for (WorkerProcess w : workers) {
            w.send(Request.init(seq, operatorBytes[w.index]), "init");
        }
        for (WorkerProcess w : workers) {
            Hello hello = w.receiveHello();
            if (hello.protocolVersion() != Hello.PROTOCOL_VERSION) {
                throw new WorkerStartupException(w.name + " speaks protocol version " + hello.protocolVersion()
                        + " but this library speaks version " + Hello.PROTOCOL_VERSION
                        + "; the worker's classpath holds another version of regpy4j");
            }
            Reply r = w.receive("init", seq);
            if (r.code() != ExitCode.SUCCESS) {
                RemoteThrowable remote = RemoteThrowable.of(r.error());
                throw new WorkerStartupException(w.name + " could not rebuild its operator: " + remote
                        + (remote.getCause() != null ? " (caused by " + remote.getCause() + ")" : "")
                        + "; is the operator's class on the worker's classpath?", remote);
            }
        }
    }

    /**
     * Sends one command to every worker and returns their results: regpy's {@code compute_all}.
     *
     * @param command a vector command
     * @param args one argument per worker; the same array in every slot is encoded once. Not modified.
     * @return one result per worker
     * @throws RemoteOperatorException if an operator threw (the workers stay usable)
     * @throws WorkerCrashedException if a worker died (the group is then closed)
     * @throws WorkerTimeoutException if a call outlived the call timeout (the group is then closed)
     */
    double[][] call(Command command, double[][] args) {
        synchronized (callLock) {
            requireOpen(command);
            inCall = true;
            long seq = ++sequence;
            long timeout = options.callTimeout().map(d -> d.toMillis()).orElse(0L);
            int[] replyBytes = command == Command.ADJOINT ? domainBytes : codomainBytes;
            EncodedFrame[] frames = encode(command, args, replyBytes, seq, timeout);
            ScheduledFuture<?> deadline = timeout > 0
                    ? Deadlines.after(timeout + TIMEOUT_GRACE_MILLIS, () -> killAll(WorkerProcess.KillReason.TIMEOUT))
                    : null;
            boolean answered = false;
            try {
                Reply[] replies = concurrent(frames, replyBytes) ? exchangeConcurrently(command, frames, seq)
                        : exchangeInline(command, frames, seq);
                answered = java.util.Arrays.stream(replies).allMatch(r -> r.code() == ExitCode.SUCCESS);
                return results(command, replies);
            } finally {
                inCall = false;
                if (deadline != null) {
                    deadline.cancel(false);
                }
                sharedMemory.afterCall(answered);
                if (closed.get()) {
                    sharedMemory.close();
                }
            }
        }
    }

    private EncodedFrame[] encode(Command command, double[][] args, int[] replyBytes, long seq, long timeout) {
        EncodedFrame[] frames = new EncodedFrame[workers.size()];
        boolean shared = true;
        boolean anyLarge = false;
        for (int i = 0; i < args.length; i++) {
            shared &= args[i] == args[0];
            anyLarge |= sharedMemory.worthIt(8L * args[i].length) || sharedMemory.worthIt(replyBytes[i]);
        }
        if (anyLarge) {
            try {
                return encodeWithSharedMemory(command, args, shared, replyBytes, seq, timeout);
            } catch (IOException e) {
                sharedMemory.disable(e);
            }
        }
        if (shared) {
            // Serialized once; the same bytes go to every pipe.
            EncodedFrame f = MessageCodec.encode(sharedEncoder, Request.vector(command, seq, timeout, args[0]));
            java.util.Arrays.fill(frames, f);
        } else {
            for (WorkerProcess w : workers) {
                frames[w.index] = MessageCodec.encode(w.encoder, Request.vector(command, seq, timeout, args[w.index]));
            }
        }
        return frames;
    }

    private EncodedFrame[] encodeWithSharedMemory(Command command, double[][] args, boolean shared, int[] replyBytes,
            long seq, long timeout) throws IOException {
        SharedVector sharedArgument = shared && sharedMemory.worthIt(8L * args[0].length)
                ? sharedMemory.putSharedArgument(args[0]) : null;
        EncodedFrame[] frames = new EncodedFrame[workers.size()];
        for (WorkerProcess w : workers) {
            int i = w.index;
            SharedVector argument = sharedArgument;
            boolean own = false;
            if (argument == null && !shared && sharedMemory.worthIt(8L * args[i].length)) {
                argument = sharedMemory.putOwnArgument(i, args[i]);
                own = true;
            }
            boolean replyInRegion = sharedMemory.worthIt(replyBytes[i]);
            if (replyInRegion) {
                sharedMemory.prepareReply(i, replyBytes[i] / 8);
            }
            List<RegionDeclaration> regions = sharedMemory.declarationsFor(i, sharedArgument != null, own, replyInRegion);
            Request r = new Request(command, seq, timeout, argument == null ? args[i] : null, argument, regions,
                    replyInRegion, null, 0);
            frames[i] = MessageCodec.encode(w.encoder, r);
        }
        return frames;
    }

    private boolean concurrent(EncodedFrame[] frames, int[] replyBytes) {
        if (workers.size() == 1) {
            return false;
        }
        for (int i = 0; i < frames.length; i++) {
            boolean replyInPipe = !sharedMemory.worthIt(replyBytes[i]);
            if (frames[i].length() > CONCURRENT_TRANSFER_BYTES || (replyInPipe && replyBytes[i] > CONCURRENT_TRANSFER_BYTES)) {
                return true;
            }
        }
        return false;
    }

    private Reply[] exchangeInline(Command command, EncodedFrame[] frames, long seq) {
        Reply[] replies = new Reply[workers.size()];
        try {
            for (WorkerProcess w : workers) {
                w.send(frames[w.index], command.wireName());
            }
            for (WorkerProcess w : workers) {
                replies[w.index] = w.receive(command.wireName(), seq);
            }
        } catch (WorkerException e) {
            // The others' pipes cannot be trusted to stay in step: end them all.
            fail();
            throw e;
        }
        return replies;
    }

    private Reply[] exchangeConcurrently(Command command, EncodedFrame[] frames, long seq) {
        ExecutorService pool = ioThreads();
        List<Future<Reply>> futures = new ArrayList<>(workers.size());
        for (WorkerProcess w : workers) {
            futures.add(pool.submit(() -> {
                try {
                    w.send(frames[w.index], command.wireName());
                    return w.receive(command.wireName(), seq);
                } catch (WorkerException e) {
                    fail();
                    throw e;
                }
            }));
        }
        Reply[] replies = new Reply[workers.size()];
        WorkerException failure = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                replies[i] = futures.get(i).get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof WorkerException we) {
                    failure = firstCause(failure, we);
                } else {
                    failure = firstCause(failure, new WorkerException(workers.get(i).name + " failed during " + command
                            + ": " + c, c));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail();
                throw new WorkerException(label + ": interrupted during " + command + "; the workers were ended", e);
            }
        }
        if (failure != null) {
            fail();
            throw failure;
        }
        return replies;
    }

    /** A close we caused while handling a failure is a consequence, not the cause: keep the first real one. */
    private static WorkerException firstCause(WorkerException current, WorkerException next) {
        if (current == null || current instanceof WorkerProcess.ClosedDuringCall) {
            return next;
        }
        return current;
    }

    private double[][] results(Command command, Reply[] replies) {
        double[][] results = new double[replies.length][];
        RemoteOperatorException thrown = null;
        for (int i = 0; i < replies.length; i++) {
            Reply r = replies[i];
            switch (r.code()) {
                case SUCCESS -> results[i] = r.shared() != null ? sharedMemory.readReply(i, r.shared()) : r.vector();
                case ERROR -> {
                    RemoteThrowable remote = RemoteThrowable.of(r.error());
                    RemoteOperatorException e = new RemoteOperatorException(workers.get(i).name + " threw during "
                            + command + ": " + remote, remote);
                    if (thrown == null) {
                        thrown = e;
                    } else {
                        thrown.addSuppressed(e);
                    }
                }
                case TIMEOUT -> {
                    fail();
                    throw new WorkerTimeoutException(workers.get(i).name + " did not finish " + command
                            + " within its call timeout of " + options.callTimeout().orElseThrow().toMillis()
                            + " ms and was ended; the cause shows where it was", RemoteThrowable.of(r.error()));
                }
                default -> throw new IllegalStateException("unknown exit code " + r.code());
            }
        }
        if (thrown != null) {
            throw thrown;
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                fail();
                throw new WorkerProtocolException(workers.get(i).name + " answered " + command + " without a result", null);
            }
        }
        return results;
    }

    private synchronized ExecutorService ioThreads() {
        if (io == null) {
            AtomicInteger n = new AtomicInteger();
            io = Executors.newFixedThreadPool(workers.size(), r -> {
                Thread t = new Thread(r, "regpy4j-io-" + label + "-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        }
        return io;
    }

    private void requireOpen(Command command) {
        if (closed.get()) {
            throw new IllegalStateException(label + " is closed" + (failed ? " after a worker failed" : "")
                    + "; cannot run " + command);
        }
    }

    /** A worker failed: the group cannot continue in step; end every worker. */
    private void fail() {
        failed = true;
        close();
    }

    private void killAll(WorkerProcess.KillReason reason) {
        workers.forEach(w -> w.kill(reason));
    }

    /** @return the number of workers */
    int size() {
        return workers.size();
    }

    /** @return whether the group is open and every worker is alive */
    boolean isRunning() {
        return !closed.get() && workers.stream().allMatch(WorkerProcess::isAlive);
    }

    /** @return the worker processes */
    List<ProcessHandle> processes() {
        return workers.stream().map(WorkerProcess::handle).toList();
    }

    String label() {
        return label;
    }

    /**
     * Ends every worker: {@code break} and end of stdin, a short wait, then a forced kill of what
     * is left. A worker in the middle of a call is killed at once: its pipe may be full, and the
     * call is abandoned anyway. Idempotent, callable from any thread, and bounded even when a
     * worker hangs.
     */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LiveGroups.remove(this);
        if (inCall) {
            killAll(WorkerProcess.KillReason.CLOSED);
        } else {
            workers.forEach(WorkerProcess::requestBreak);
        }
        long deadline = System.nanoTime() + BREAK_GRACE_MILLIS * 1_000_000;
        for (WorkerProcess w : workers) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            if (w.waitForExit(left) < 0) {
                LOG.warn("{} did not leave within {} ms of break; killing it", w, BREAK_GRACE_MILLIS);
                w.kill(WorkerProcess.KillReason.CLOSED);
                w.waitForExit(2000);
            }
        }
        synchronized (this) {
            if (io != null) {
                io.shutdownNow();
            }
        }
        // Unmapping while a call still reads a region would crash the JVM: only under the call lock.
        // A call in progress ends promptly now that its workers are gone, and closes the regions itself.
        if (!inCall) {
            synchronized (callLock) {
                sharedMemory.close();
            }
        }
        LOG.info("{}: {} workers closed", label, workers.size());
    }
}
