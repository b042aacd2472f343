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
import io.github.regpy4j.worker.Reply;
import io.github.regpy4j.worker.Request;
import io.github.regpy4j.worker.SharedVector;
import io.github.regpy4j.worker.WorkerSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * An argument shared by all workers is encoded once and the same bytes go to every pipe (or, when
 * large, written once into shared memory). Small messages are written and read on the calling
 * thread; large ones go through one I/O thread per worker so the transfers overlap. {@link
 * #close()} may come from any thread at any time, also during a call, and is bounded.
 *
 * <p>A worker that dies closes the group (fail fast), unless {@link WorkerOptions#maxRestarts()}
 * allows a restart: then the others are kept in step, the dead worker is started again from its
 * original operator, and the call still fails with the cause.
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

    /** What one worker made of one call: a reply, or a failure of the worker itself. */
    private record Outcome(Reply reply, WorkerException failure) {}

    private final String label;
    private final WorkerOptions options;
    private final Set<Class<?>> classes;
    private final String[] names;
    private final byte[][] operatorBytes;
    private final boolean[] linear;
    private final int[] domainBytes;
    private final int[] codomainBytes;
    private final WorkerProcess[] workers;
    /** Workers restarted since their last {@code eval_diff}: they lost their linearization. */
    private final boolean[] lostLinearization;
    /** Workers that have not answered the current call yet: the ones a timeout kills. */
    private final boolean[] pending;
    private final FrameEncoder sharedEncoder = new FrameEncoder();
    private final SharedMemory sharedMemory;
    private final Object callLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean failed;
    /** Whether a call is exchanging messages now: then close kills instead of writing to busy pipes. */
    private volatile boolean inCall;
    /** Whether the current call fails fast (no restart left when it began): read by the exit watch. */
    private volatile boolean callFailsFast;
    private int restartsLeft;
    private ExecutorService io;
    private long sequence;
    /** Where idle workers come from and go back to; {@code null} outside a manager's scope. */
    private final WorkerPool pool;
    /** The command line that started this group's workers: pooled workers are only swapped for equal ones. */
    private List<String> reuseKey;

    private WorkerGroup(String label, List<? extends Operator> ops, byte[][] operatorBytes, WorkerOptions options,
            WorkerPool pool) {
        this.pool = pool;
        int n = ops.size();
        this.label = label;
        this.options = options;
        this.classes = new LinkedHashSet<>();
        ops.forEach(o -> classes.add(o.getClass()));
        this.names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = label + "/worker " + i + " (" + ops.get(i).getClass().getSimpleName() + ")";
        }
        this.operatorBytes = operatorBytes;
        this.linear = new boolean[n];
        for (int i = 0; i < n; i++) {
            linear[i] = ops.get(i).isLinear();
        }
        this.domainBytes = ops.stream().mapToInt(o -> 8 * o.domain().realSize()).toArray();
        this.codomainBytes = ops.stream().mapToInt(o -> 8 * o.codomain().realSize()).toArray();
        this.workers = new WorkerProcess[n];
        this.lostLinearization = new boolean[n];
        this.pending = new boolean[n];
        this.sharedMemory = new SharedMemory(n, options.sharedMemoryThreshold());
        this.restartsLeft = options.maxRestarts();
    }

    /**
     * Serializes the operators (failing before any process starts if one cannot travel), starts
     * one worker per operator, all at once, and completes the handshake under the startup timeout.
     *
     * @param owner the name of the owning class, for worker names and messages
     * @param ops the operators, one per worker
     * @param options how to start the workers
     * @param pool idle workers to take first, or {@code null}
     * @return the running group
     * @throws IllegalArgumentException if an operator cannot be serialized
     * @throws WorkerStartupException if a worker cannot start; none is left running
     */
    static WorkerGroup start(String owner, List<? extends Operator> ops, WorkerOptions options, WorkerPool pool) {
        byte[][] bytes = serializeAll(ops);
        WorkerGroup group = new WorkerGroup(owner + "#" + GROUP_IDS.incrementAndGet(), ops, bytes, options, pool);
        long t0 = System.nanoTime();
        int[] all = new int[ops.size()];
        Arrays.setAll(all, i -> i);
        group.launch(all);
        LOG.info("{}: {} workers ready in {} ms (pids {})", group.label, all.length, (System.nanoTime() - t0) / 1_000_000,
                Arrays.stream(group.workers).map(WorkerProcess::pid).toList());
        LiveGroups.add(group);
        options.launcher().idleSilence().ifPresent(silence -> Heartbeat.start(group, silence));
        return group;
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

    /**
     * Starts the workers at {@code indexes}, all at once, and completes their handshake under the
     * startup timeout; on any failure ends every one of them and throws.
     */
    private void launch(int[] indexes) {
        WorkerCommandLine commandLine = WorkerCommandLine.create(options, classes, indexes.length);
        reuseKey = commandLine.reuseKey();
        List<WorkerProcess> started = new ArrayList<>(indexes.length);
        ScheduledFuture<?> deadline = null;
        try {
            List<WorkerProcess> idle = pool == null ? List.of() : pool.take(reuseKey, indexes.length);
            // Fresh JVMs first, so they boot while the idle ones take their operators.
            for (int k = idle.size(); k < indexes.length; k++) {
                started.add(WorkerProcess.start(indexes[k], names[indexes[k]], commandLine.command(indexes[k]))
                        .at(commandLine.location(indexes[k])));
            }
            for (int k = 0; k < idle.size(); k++) {
                WorkerProcess w = idle.get(k);
                w.assign(indexes[k], names[indexes[k]]);
                started.add(0, w);
            }
            deadline = Deadlines.after(options.startupTimeout().toMillis(),
                    () -> started.forEach(w -> w.kill(WorkerProcess.KillReason.STARTUP_TIMEOUT)));
            handshake(started);
            for (WorkerProcess w : started) {
                workers[w.index] = w;
                w.onExit(() -> workerExited(w));
            }
        } catch (WorkerStartupException e) {
            endAll(started);
            throw e;
        } catch (WorkerException e) {
            endAll(started);
            throw new WorkerStartupException("a worker failed to start: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            endAll(started);
            throw e;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            commandLine.deleteArgFile();
        }
    }

    private static void endAll(List<WorkerProcess> started) {
        started.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED));
        started.forEach(w -> w.waitForExit(2000));
    }

    private void handshake(List<WorkerProcess> started) {
        // The operator goes out before the hello comes back: one round trip saved per worker.
        long seq = ++sequence;
        for (WorkerProcess w : started) {
            w.send(Request.init(seq, operatorBytes[w.index]), "init");
        }
        for (WorkerProcess w : started) {
            if (!w.greeted) {
                Hello hello = w.receiveHello();
                if (hello.protocolVersion() != Hello.PROTOCOL_VERSION) {
                    throw new WorkerStartupException(w.name + " speaks protocol version " + hello.protocolVersion()
                            + " but this library speaks version " + Hello.PROTOCOL_VERSION
                            + "; the worker's classpath holds another version of regpy4j");
                }
                if (!hello.libraryVersion().equals(WorkerSettings.libraryVersion())) {
                    throw new WorkerStartupException(w.name + " runs regpy4j " + hello.libraryVersion()
                            + " but this JVM runs regpy4j " + WorkerSettings.libraryVersion()
                            + "; put the same version on the worker's classpath");
                }
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
     * @throws WorkerCrashedException if a worker died (the group is then closed, or the worker restarted)
     * @throws WorkerTimeoutException if a call outlived the call timeout (likewise)
     * @throws IllegalStateException if the group is closed, or a restarted worker lost the
     *     linearization a derivative or adjoint needs
     */
    double[][] call(Command command, double[][] args) {
        return exchange(command, args, null, replies -> separately(command, replies));
    }

    /**
     * As {@link #call(Command, double[][])}, with the results written straight into one element
     * of {@code codomain} (their direct sum): a reply in shared memory is copied once, into its
     * place, instead of into an array of its own first.
     *
     * @param codomain the direct sum of the workers' result spaces, in worker order
     * @return a fresh element of {@code codomain}
     */
    double[] callJoined(Command command, double[][] args, io.github.regpy4j.vecsps.DirectSum codomain) {
        return callJoined(command, args, codomain, null);
    }

    /**
     * As {@link #callJoined(Command, double[][], io.github.regpy4j.vecsps.DirectSum)}, into a given
     * array.
     *
     * @param into an element of {@code codomain} to overwrite, or {@code null} for a fresh one.
     *     Modified; partly overwritten if the call fails.
     * @return {@code into}, or the fresh element
     */
    double[] callJoined(Command command, double[][] args, io.github.regpy4j.vecsps.DirectSum codomain, double[] into) {
        if (into != null) {
            return exchange(command, args, null, replies -> joined(command, replies, codomain, into));
        }
        // A fresh result is allocated once the requests are out: zeroing a large one then overlaps
        // the workers' computation instead of following it.
        double[][] result = new double[1][];
        return exchange(command, args, () -> result[0] = new double[codomain.realSize()],
                replies -> joined(command, replies, codomain, result[0]));
    }

    /** One call; {@code take} reads the replies inside it, while shared memory is surely mapped. */
    private <T> T exchange(Command command, double[][] args, Runnable whileWaiting,
            java.util.function.Function<Reply[], T> take) {
        synchronized (callLock) {
            requireOpen(command);
            requireLinearizations(command);
            inCall = true;
            long seq = ++sequence;
            long timeout = options.callTimeout().map(d -> d.toMillis()).orElse(0L);
            int[] replyBytes = command == Command.ADJOINT ? domainBytes : codomainBytes;
            boolean failFast = restartsLeft == 0;
            callFailsFast = failFast;
            boolean answered = false;
            ScheduledFuture<?> deadline = null;
            try {
                EncodedFrame[] frames = encode(command, args, replyBytes, seq, timeout);
                Arrays.fill(pending, true);
                deadline = timeout > 0
                        ? Deadlines.after(timeout + TIMEOUT_GRACE_MILLIS, () -> killPending(WorkerProcess.KillReason.TIMEOUT))
                        : null;
                Outcome[] outcomes = concurrent(frames, replyBytes)
                        ? exchangeConcurrently(command, frames, seq, failFast, whileWaiting)
                        : exchangeInline(command, frames, seq, failFast, whileWaiting);
                Reply[] replies = settle(command, outcomes);
                answered = Arrays.stream(replies).allMatch(r -> r.code() == ExitCode.SUCCESS);
                throwRemoteErrors(command, replies);
                T results = take.apply(replies);
                if (command == Command.EVAL_DIFF) {
                    Arrays.fill(lostLinearization, false);
                }
                return results;
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

    /**
     * Replies are read in worker order, so a worker that dies while an earlier one still computes
     * would be noticed only when the earlier one answers. Failing fast, its exit ends the call at
     * once: the group is closed, the blocked read returns, and the dead worker's crash is the cause.
     * With restarts allowed the others must stay in step: the call waits for them.
     */
    private void workerExited(WorkerProcess w) {
        // The call's own snapshot, not restartsLeft: a restart in progress spends the last one, and the
        // exit of the worker it replaces may be reported late, on another thread.
        if (inCall && callFailsFast && !closed.get() && !w.killedByParent() && workers[w.index] == w) {
            LOG.debug("{} exited during a call; ending the call", w);
            fail();
        }
    }

    private void requireLinearizations(Command command) {
        if (command != Command.DERIV && command != Command.ADJOINT) {
            return;
        }
        for (int i = 0; i < workers.length; i++) {
            if (lostLinearization[i] && !linear[i]) {
                throw new IllegalStateException(names[i] + " was restarted after it died and lost the linearization "
                        + command + " needs; call linearize(x) again");
            }
        }
    }

    private EncodedFrame[] encode(Command command, double[][] args, int[] replyBytes, long seq, long timeout) {
        EncodedFrame[] frames = new EncodedFrame[workers.length];
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
            Arrays.fill(frames, MessageCodec.encode(sharedEncoder, Request.vector(command, seq, timeout, args[0])));
        } else {
            for (WorkerProcess w : workers) {
                frames[w.index] = MessageCodec.encode(w.encoder, Request.vector(command, seq, timeout, args[w.index]));
            }
        }
        return frames;
    }

    private EncodedFrame[] encodeWithSharedMemory(Command command, double[][] args, boolean shared, int[] replyBytes,
            long seq, long timeout) throws IOException {
        sharedMemory.requireRoom(args, shared, replyBytes);
        SharedVector sharedArgument = shared && sharedMemory.worthIt(8L * args[0].length)
                ? sharedMemory.putSharedArgument(args[0]) : null;
        EncodedFrame[] frames = new EncodedFrame[workers.length];
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
        if (workers.length == 1) {
            return false;
        }
        for (int i = 0; i < frames.length; i++) {
            boolean replyInPipe = !sharedMemory.worthIt(replyBytes[i]);
            if (frames[i].length() > CONCURRENT_TRANSFER_BYTES
                    || (replyInPipe && replyBytes[i] > CONCURRENT_TRANSFER_BYTES)) {
                return true;
            }
        }
        return false;
    }

    private Outcome[] exchangeInline(Command command, EncodedFrame[] frames, long seq, boolean failFast,
            Runnable whileWaiting) {
        Outcome[] out = new Outcome[workers.length];
        for (WorkerProcess w : workers) {
            try {
                w.send(frames[w.index], command.wireName());
            } catch (WorkerException e) {
                out[w.index] = failed(w.index, e, failFast);
            }
        }
        if (whileWaiting != null) {
            whileWaiting.run();
        }
        for (WorkerProcess w : workers) {
            if (out[w.index] == null) {
                out[w.index] = exchangeReply(w, command, seq, failFast);
            }
        }
        return out;
    }

    private Outcome[] exchangeConcurrently(Command command, EncodedFrame[] frames, long seq, boolean failFast,
            Runnable whileWaiting) {
        ExecutorService pool = ioThreads();
        List<Future<Outcome>> futures = new ArrayList<>(workers.length);
        for (WorkerProcess w : workers) {
            futures.add(pool.submit(() -> {
                try {
                    w.send(frames[w.index], command.wireName());
                } catch (WorkerException e) {
                    return failed(w.index, e, failFast);
                }
                return exchangeReply(w, command, seq, failFast);
            }));
        }
        if (whileWaiting != null) {
            whileWaiting.run();
        }
        Outcome[] out = new Outcome[workers.length];
        for (int i = 0; i < futures.size(); i++) {
            try {
                out[i] = futures.get(i).get();
            } catch (ExecutionException e) {
                out[i] = failed(i, new WorkerException(names[i] + " failed during " + command + ": " + e.getCause(),
                        e.getCause()), failFast);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail();
                throw new WorkerException(label + ": interrupted during " + command + "; the workers were ended", e);
            }
        }
        return out;
    }

    private Outcome exchangeReply(WorkerProcess w, Command command, long seq, boolean failFast) {
        try {
            Reply r = w.receive(command.wireName(), seq);
            pending[w.index] = false;
            return new Outcome(r, null);
        } catch (WorkerException e) {
            return failed(w.index, e, failFast);
        }
    }

    private Outcome failed(int i, WorkerException e, boolean failFast) {
        pending[i] = false;
        if (failFast) {
            // Nothing will be kept: end the others now instead of waiting for their answers.
            fail();
        }
        return new Outcome(null, e);
    }

    /**
     * Turns the outcomes into replies, or restarts dead workers and throws, or closes the group
     * and throws. A worker that answered TIMEOUT has ended itself: it counts as dead.
     */
    private Reply[] settle(Command command, Outcome[] outcomes) {
        List<Integer> dead = new ArrayList<>();
        WorkerException cause = null;
        Reply[] replies = new Reply[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            WorkerException f = outcomes[i].failure();
            Reply r = outcomes[i].reply();
            if (f == null && r.code() == ExitCode.TIMEOUT) {
                f = new WorkerTimeoutException(names[i] + " did not finish " + command + " within its call timeout of "
                        + options.callTimeout().map(d -> d.toMillis()).orElse(0L) + " ms and ended; the cause shows where it was",
                        RemoteThrowable.of(r.error()));
            }
            if (f != null) {
                dead.add(i);
                if (cause == null || cause instanceof WorkerProcess.ClosedDuringCall) {
                    cause = f;
                }
            }
            replies[i] = r;
        }
        if (dead.isEmpty()) {
            return replies;
        }
        if (closed.get() || cause instanceof WorkerProcess.ClosedDuringCall || dead.size() > restartsLeft) {
            fail();
            throw cause;
        }
        for (int i : dead) {
            try {
                restart(i);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                fail();
                throw cause;
            }
        }
        throw cause;
    }

    private void restart(int i) {
        WorkerProcess old = workers[i];
        old.kill(WorkerProcess.KillReason.CLOSED);
        old.waitForExit(1000);
        restartsLeft--;
        launch(new int[] {i});
        lostLinearization[i] = true;
        if (closed.get()) {
            // Closed while the new worker started: close saw only the old one.
            workers[i].kill(WorkerProcess.KillReason.CLOSED);
            workers[i].waitForExit(2000);
            throw new IllegalStateException(label + " was closed while " + names[i] + " restarted");
        }
        LOG.warn("{} died and was restarted as pid {}; {} restarts left", names[i], workers[i].pid(), restartsLeft);
    }

    /** An operator threw in some workers: the first error, with the others suppressed. The workers stay usable. */
    private void throwRemoteErrors(Command command, Reply[] replies) {
        RemoteOperatorException thrown = null;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].code() != ExitCode.SUCCESS) {
                RemoteThrowable remote = RemoteThrowable.of(replies[i].error());
                RemoteOperatorException e = new RemoteOperatorException(names[i] + " threw during " + command + ": "
                        + remote, remote);
                if (thrown == null) {
                    thrown = e;
                } else {
                    thrown.addSuppressed(e);
                }
            }
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    private double[][] separately(Command command, Reply[] replies) {
        double[][] results = new double[replies.length][];
        for (int i = 0; i < replies.length; i++) {
            Reply r = requireVector(command, replies, i);
            results[i] = r.shared() != null ? sharedMemory.readReply(i, r.shared()) : r.vector();
        }
        return results;
    }

    private double[] joined(Command command, Reply[] replies, io.github.regpy4j.vecsps.DirectSum codomain,
            double[] joined) {
        long sharedDoubles = 0;
        int sharedReplies = 0;
        for (int i = 0; i < replies.length; i++) {
            Reply r = requireVector(command, replies, i);
            int length = r.shared() != null ? r.shared().length() : r.vector().length;
            int expected = codomain.summand(i).realSize();
            if (length != expected) {
                fail();
                throw new WorkerProtocolException(names[i] + " answered " + command + " with " + length
                        + " doubles but " + codomain.summand(i) + " needs " + expected, null);
            }
            if (r.shared() != null) {
                sharedDoubles += length;
                sharedReplies++;
            } else {
                System.arraycopy(r.vector(), 0, joined, codomain.offset(i), length);
            }
        }
        copySharedReplies(replies, codomain, joined, sharedReplies >= 2 && sharedDoubles >= PARALLEL_COPY_DOUBLES);
        return joined;
    }

    /** Above this many doubles in shared-memory replies, two threads copy them into the result. */
    private static final long PARALLEL_COPY_DOUBLES = 1L << 19;

    /**
     * Copies the replies that wait in shared memory into their places. Large ones are split between
     * this thread and one I/O thread: when the replies are in, the workers are idle, and the copy
     * is the call's last step; on one core it left the other idle (1e6 doubles from 4 workers: 32
     * MB, a quarter of the call, profiled).
     */
    private void copySharedReplies(Reply[] replies, io.github.regpy4j.vecsps.DirectSum codomain, double[] joined,
            boolean inParallel) {
        int[] shared = new int[replies.length];
        int k = 0;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].shared() != null) {
                shared[k++] = i;
            }
        }
        int first = inParallel ? k / 2 : 0;
        Future<?> helper = null;
        if (first > 0) {
            int[] mine = Arrays.copyOf(shared, first);
            helper = ioThreads().submit(() -> {
                for (int i : mine) {
                    sharedMemory.readReplyInto(i, replies[i].shared(), joined, codomain.offset(i));
                }
            });
        }
        for (int j = first; j < k; j++) {
            int i = shared[j];
            sharedMemory.readReplyInto(i, replies[i].shared(), joined, codomain.offset(i));
        }
        if (helper != null) {
            awaitCopy(helper);
        }
    }

    private void awaitCopy(Future<?> helper) {
        try {
            helper.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new WorkerException(label + ": copying a reply from shared memory failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail();
            throw new WorkerException(label + ": interrupted while copying replies; the workers were ended", e);
        }
    }

    private Reply requireVector(Command command, Reply[] replies, int i) {
        if (!replies[i].hasVector()) {
            fail();
            throw new WorkerProtocolException(names[i] + " answered " + command + " without a result", null);
        }
        return replies[i];
    }

    private synchronized ExecutorService ioThreads() {
        if (io == null) {
            AtomicInteger n = new AtomicInteger();
            io = Executors.newFixedThreadPool(workers.length, r -> {
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

    /** A worker failed and cannot be restarted: the group cannot continue in step; end every worker. */
    private void fail() {
        failed = true;
        close();
    }

    private void killPending(WorkerProcess.KillReason reason) {
        for (int i = 0; i < workers.length; i++) {
            if (pending[i]) {
                workers[i].kill(reason);
            }
        }
    }

    /**
     * Pings every worker once and reads the answers, unless the group is closed; waits for a call
     * in progress to end, so a ping never interleaves with a call on a pipe. The heartbeat of
     * workers that run elsewhere (see {@link Heartbeat}). A worker that has not answered within
     * {@code answerMillis} is killed (its channel is stuck; the lock must not be held forever); a
     * worker that does not answer is left for the next call to report.
     *
     * @param answerMillis how long the answers may take
     * @return false once the group is closed
     */
    boolean heartbeat(long answerMillis) {
        synchronized (callLock) {
            if (closed.get()) {
                return false;
            }
            long seq = ++sequence;
            boolean[] waiting = new boolean[workers.length];
            ScheduledFuture<?> deadline = Deadlines.after(answerMillis, () -> {
                for (WorkerProcess w : workers) {
                    if (waiting[w.index]) {
                        LOG.warn("{} did not answer a heartbeat within {} ms; killing it", w, answerMillis);
                        w.kill(null);
                    }
                }
            });
            try {
                for (WorkerProcess w : workers) {
                    try {
                        waiting[w.index] = true;
                        w.send(Request.ping(seq, seq), Command.PING.wireName());
                    } catch (WorkerException e) {
                        waiting[w.index] = false;
                        LOG.debug("{}: heartbeat not sent: {}", w, e.getMessage());
                    }
                }
                for (WorkerProcess w : workers) {
                    try {
                        if (waiting[w.index]) {
                            w.receive(Command.PING.wireName(), seq);
                        }
                    } catch (WorkerException e) {
                        LOG.debug("{}: no answer to a heartbeat: {}", w, e.getMessage());
                    } finally {
                        waiting[w.index] = false;
                    }
                }
            } finally {
                deadline.cancel(false);
            }
            return !closed.get();
        }
    }

    /** @return the number of workers */
    int size() {
        return workers.length;
    }

    /** @return whether the group is open and every worker alive */
    boolean isRunning() {
        return !closed.get() && Arrays.stream(workers).allMatch(WorkerProcess::isAlive);
    }

    /** @return the worker processes, in operator order */
    List<ProcessHandle> processes() {
        return Arrays.stream(workers).map(WorkerProcess::handle).toList();
    }

    /** @return the restarts still allowed */
    int restartsLeft() {
        synchronized (callLock) {
            return restartsLeft;
        }
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
        List<WorkerProcess> current = Arrays.stream(workers).filter(w -> w != null).toList();
        List<WorkerProcess> ending = current;
        if (pool != null && pool.isOpen() && !failed && !inCall) {
            synchronized (callLock) {
                ending = giveBackToPool(current);
                sharedMemory.close();
            }
        }
        if (inCall) {
            ending.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED));
        } else {
            ending.forEach(WorkerProcess::requestBreak);
        }
        long deadline = System.nanoTime() + BREAK_GRACE_MILLIS * 1_000_000;
        for (WorkerProcess w : ending) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            if (w.waitForExit(left) < 0) {
                LOG.warn("{} did not leave within {} ms of break; killing it", w, BREAK_GRACE_MILLIS);
                w.kill(WorkerProcess.KillReason.CLOSED);
                w.waitForExit(2000);
            }
        }
        // A worker that died before (killed from outside, halted by its operator) may have left
        // the processes its operator started running, orphaned: they are still in its group.
        // Only the groups of workers that ended: a parked worker leads its own group.
        WorkerProcess.endGroups(ending);
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
        LOG.info("{}: {} workers closed, {} kept idle", label, workers.length, current.size() - ending.size());
    }

    /**
     * Resets each worker and gives the clean ones to the pool.
     *
     * @return the workers the pool did not take: they answered badly, or their operator left
     *     threads running (a worker is only reused clean)
     */
    private List<WorkerProcess> giveBackToPool(List<WorkerProcess> current) {
        List<WorkerProcess> rest = new ArrayList<>();
        long seq = ++sequence;
        ScheduledFuture<?> deadline = Deadlines.after(BREAK_GRACE_MILLIS,
                () -> current.forEach(w -> w.kill(WorkerProcess.KillReason.CLOSED)));
        try {
            for (WorkerProcess w : current) {
                int left = w.reset(seq);
                if (left != 0 || !pool.offer(reuseKey, w)) {
                    ReuseRefusals.report(w, left);
                    rest.add(w);
                }
            }
        } finally {
            deadline.cancel(false);
        }
        return rest;
    }
}
