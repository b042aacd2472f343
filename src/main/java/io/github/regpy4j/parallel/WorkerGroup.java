package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.worker.internal.Command;
import io.github.regpy4j.worker.ExitCode;
import io.github.regpy4j.worker.internal.Reply;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker JVMs serving one operator each (an operator, or the block of operators one worker of a
 * grouped parallel operator serves), driven together. Port of regpy's {@code ParallelInterface}:
 * a call is its {@code compute_all}. This class runs one call from end to end and owns the state;
 * its parts each do one job: {@link GroupStart} (start and handshake), {@link RequestEncoding},
 * {@link TransferSchedule}, {@link ReplyAssembly}, {@link CallFailures} (failure and restart) and
 * {@link GroupClosing} (close and hand-back to the pool). The life cycle is one {@link Lifecycle}.
 *
 * <p>One call at a time: calls from several threads are serialized, never interleaved on a pipe.
 * {@link #close()} may come from any thread at any time, also during a call, and is bounded.
 *
 * <p>A worker that dies closes the group (fail fast), unless {@link WorkerOptions#maxRestarts()}
 * allows a restart: then the others are kept in step, the dead worker is started again from its
 * original operator, and the call still fails with the cause.
 */
final class WorkerGroup {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerGroup.class);
    /** How long the parent waits past a call timeout for the worker's own TIMEOUT reply before killing it. */
    private static final long TIMEOUT_GRACE_MILLIS = 1000;
    /** How long a close waits for another thread's ending of the workers (itself bounded by a few seconds). */
    private static final long END_WAIT_MILLIS = 30_000;
    private static final AtomicInteger GROUP_IDS = new AtomicInteger();
    private static final AtomicBoolean TOLD_ABOUT_MAX_WORKERS = new AtomicBoolean();

    private final String label;
    final WorkerOptions options;
    /** The classes of the operators the workers serve, blocks' members included: the classpath follows them. */
    final Set<Class<?>> classes;
    final String[] names;
    final byte[][] operatorBytes;
    private final boolean[] linear;
    private final int[] domainBytes;
    private final int[] codomainBytes;
    final WorkerProcess[] workers;
    /** Workers restarted since their last {@code eval_diff}: they lost their linearization. */
    final boolean[] lostLinearization;
    /** Workers that have not answered the current call yet: the ones a timeout kills. */
    final boolean[] pending;
    /**
     * This call's backstop against a worker that never answers: its timeout plus {@link
     * #TIMEOUT_GRACE_MILLIS}, then every worker still pending is killed. Armed by the transfers
     * when this thread starts waiting for replies, on this thread; cancelled when the call ends.
     * Guarded by {@link #callLock}.
     */
    private ScheduledFuture<?> callDeadline;
    final SharedMemory sharedMemory;
    final Object callLock = new Object();
    private final AtomicReference<Lifecycle> state = new AtomicReference<>(Lifecycle.OPEN);
    /** Counted down when the close or failure that changed {@link #state} has ended every worker. */
    private final CountDownLatch ended = new CountDownLatch(1);
    /** The thread ending the workers, once one does: it never waits for itself. */
    private volatile Thread ending;
    /** Whether the current call fails fast (no restart left when it began): read by the exit watch. */
    private volatile boolean callFailsFast;
    int restartsLeft;
    private ExecutorService io;
    private long sequence;
    /** Where idle workers come from and go back to; {@code null} outside a manager's scope. */
    final WorkerPool pool;
    /** The command line that started this group's workers: pooled workers are only swapped for equal ones. */
    List<String> reuseKey;
    private final RequestEncoding encoding;
    private final TransferSchedule transfers = new TransferSchedule(this);
    private final ReplyAssembly assembly = new ReplyAssembly(this);
    private final CallFailures failures = new CallFailures(this);

    private WorkerGroup(String label, List<? extends Operator> ops, List<String> describe, Set<Class<?>> classes,
            byte[][] operatorBytes, WorkerOptions options, WorkerPool pool) {
        this.pool = pool;
        int n = ops.size();
        this.label = label;
        this.options = options;
        this.classes = classes;
        this.names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = label + "/worker " + i + " (" + describe.get(i) + ")";
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
        this.encoding = new RequestEncoding(workers, sharedMemory);
        this.restartsLeft = options.maxRestarts();
    }

    /**
     * Serializes the operators (failing before any process starts if one cannot travel), starts
     * one worker per operator, all at once, and completes the handshake under the startup timeout.
     *
     * @param owner the name of the owning class, for worker names and messages
     * @param ops the operators, one per worker
     * @param describe what each worker serves, for its name, e.g. {@code Coil} or {@code operators 0–4: 5 × Coil}
     * @param classes the classes of every operator served, blocks' members included
     * @param options how to start the workers
     * @param pool idle workers to take first, or {@code null}
     * @return the running group
     * @throws IllegalArgumentException if an operator cannot be serialized
     * @throws WorkerStartupException if a worker cannot start; none is left running
     */
    static WorkerGroup start(String owner, List<? extends Operator> ops, List<String> describe, Set<Class<?>> classes,
            WorkerOptions options, WorkerPool pool) {
        byte[][] bytes = GroupStart.serializeAll(ops);
        WorkerGroup group = new WorkerGroup(owner + "#" + GROUP_IDS.incrementAndGet(), ops, describe, classes, bytes,
                options, pool);
        long t0 = System.nanoTime();
        int[] all = new int[ops.size()];
        Arrays.setAll(all, i -> i);
        tellAboutMaxWorkers(group.label, all.length, options);
        GroupStart.launch(group, all);
        LOG.info("{}: {} workers ready in {} ms (pids {})", group.label, all.length, (System.nanoTime() - t0) / 1_000_000,
                Arrays.stream(group.workers).map(WorkerProcess::pid).toList());
        LiveGroups.add(group);
        options.launcher().idleSilence().ifPresent(silence -> Heartbeat.start(group, silence));
        return group;
    }

    /** More local workers than processors compile the same code and copy the same data side by side: say how to group them, once. */
    private static void tellAboutMaxWorkers(String label, int workers, WorkerOptions options) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (workers > processors && options.launcher().isLocal() && TOLD_ABOUT_MAX_WORKERS.compareAndSet(false, true)) {
            String share = processors < 2 ? "" : "; withMaxWorkers(" + (processors - 1) + ").withCallerShare(true) starts one"
                    + " fewer and lets this JVM evaluate a block itself while it waits";
            LOG.info("{} starts {} worker JVMs on {} processors; WorkerOptions.withMaxWorkers({}) deals the operators"
                    + " to {} workers instead, each evaluating its block of operators in turn{} (logged once)",
                    label, workers, processors, processors, processors, share);
        }
    }

    /**
     * Sends one command to every worker, regpy's {@code compute_all}, and writes worker {@code i}'s
     * result straight into {@code into[bounds[i] … bounds[i+1])}: a reply in shared memory or in a
     * pipe is copied once, into its place.
     *
     * @param command a vector command
     * @param args what each worker gets. Not modified.
     * @param bounds {@code workers + 1} offsets into the joined result
     * @param into the joined result to overwrite, or {@code null} for a fresh one. Modified;
     *     partly overwritten if the call fails.
     * @param alongside what this thread does while the workers compute (this JVM's {@link
     *     CallerShare}); it must not throw. Or {@code null}.
     * @return {@code into}, or the fresh result
     * @throws RemoteOperatorException if an operator threw (the workers stay usable)
     * @throws WorkerCrashedException if a worker died (the group is then closed, or the worker restarted)
     * @throws WorkerTimeoutException if a call outlived the call timeout (likewise)
     * @throws IllegalStateException if the group is closed, or a restarted worker lost the
     *     linearization a derivative or adjoint needs
     */
    double[] callJoined(Command command, CallArguments args, int[] bounds, double[] into, Runnable alongside) {
        // A fresh result is allocated once the requests are out (zeroing a large one then overlaps
        // the workers' computation instead of following it), or when the first reply read from a
        // pipe needs it: those are decoded straight into their places.
        TransferSchedule.JoinedTarget target = new TransferSchedule.JoinedTarget(bounds, into);
        return exchange(command, args, both(into == null ? target::array : null, alongside), target,
                replies -> assembly.joined(command, replies, bounds, target.array()));
    }

    /** @return {@code first}, then {@code second}; either may be {@code null} */
    private static Runnable both(Runnable first, Runnable second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return () -> {
            first.run();
            second.run();
        };
    }

    /**
     * As {@link #callJoined}, with the results added up in worker order
     * straight into one array: the adjoint of a column of operators.
     *
     * @param length the length of each result and of the sum
     * @param alongside as for {@link #callJoined}
     * @param into the sum to overwrite, or {@code null} for a fresh one. Modified; partly
     *     overwritten if the call fails.
     * @return {@code into}, or the fresh sum: result 0 + result 1 + …
     */
    double[] callSummed(Command command, CallArguments args, int length, double[] into, Runnable alongside) {
        if (repliesStreamIn(domainBytes)) {
            OrderedSum sum = OrderedSum.whole(workers.length, length, into);
            return exchange(command, args, both(sum::array, alongside), sum,
                    replies -> assembly.streamed(command, replies, sum));
        }
        if (into != null) {
            return exchange(command, args, alongside, null, replies -> assembly.summed(command, replies, into));
        }
        double[][] result = new double[1][];
        return exchange(command, args, both(() -> result[0] = new double[length], alongside), null,
                replies -> assembly.summed(command, replies, result[0]));
    }

    /**
     * As {@link #callJoined}, with each worker's result added, per component,
     * straight into one element of the whole domain: the adjoint of a distributed column of
     * operators.
     *
     * @param perWorker which components of the domain each worker's result holds
     * @param alongside as for {@link #callJoined}
     * @param into the element to overwrite, or {@code null} for a fresh one. Modified; partly
     *     overwritten if the call fails.
     * @return {@code into}, or the fresh element
     */
    double[] callCollected(Command command, CallArguments args,
            io.github.regpy4j.operators.Distribution perWorker, double[] into, Runnable alongside) {
        if (repliesStreamIn(domainBytes)) {
            OrderedSum sum = OrderedSum.collected(perWorker, into);
            return exchange(command, args, both(sum::array, alongside), sum,
                    replies -> assembly.streamed(command, replies, sum));
        }
        if (into != null) {
            return exchange(command, args, alongside, null,
                    replies -> assembly.collected(command, replies, perWorker, into));
        }
        double[][] result = new double[1][];
        return exchange(command, args, both(() -> result[0] = new double[perWorker.domain().realSize()], alongside),
                null, replies -> assembly.collected(command, replies, perWorker, result[0]));
    }

    /**
     * Whether results of these sizes come through the pipes and are large enough to be added
     * into a sum as they arrive ({@link OrderedSum}); those in shared memory are added from there.
     * (Should shared memory fail during the call's encoding, the replies come through the pipes
     * the other way, into arrays of their own.)
     */
    private boolean repliesStreamIn(int[] replyBytes) {
        if (!OrderedSum.suits(replyBytes)) {
            return false;
        }
        for (int b : replyBytes) {
            if (sharedMemory.worthIt(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One call; {@code take} reads the replies inside it, while shared memory is surely mapped.
     *
     * @param target where inline results are decoded straight into, or {@code null}
     */
    private <T> T exchange(Command command, CallArguments args, Runnable whileWaiting,
            TransferSchedule.InlineTarget target, Function<Reply[], T> take) {
        synchronized (callLock) {
            requireOpen(command);
            requireLinearizations(command);
            if (!state.compareAndSet(Lifecycle.OPEN, Lifecycle.CALLING)) {
                requireOpen(command); // closed meanwhile
            }
            long seq = ++sequence;
            long timeout = options.callTimeoutMillis();
            int[] replyBytes = command.answersInDomain() ? domainBytes : codomainBytes;
            boolean failFast = restartsLeft == 0;
            callFailsFast = failFast;
            boolean answered = false;
            try {
                RequestEncoding.Encoded requests = encoding.encode(command, args, replyBytes, seq, timeout);
                Arrays.fill(pending, true);
                Runnable armDeadline = timeout > 0 ? () -> callDeadline = Deadlines.after(timeout + TIMEOUT_GRACE_MILLIS,
                        () -> killPending(WorkerProcess.KillReason.TIMEOUT)) : null;
                TransferSchedule.Outcome[] outcomes = transfers.exchange(command, requests, replyBytes, seq, failFast,
                        whileWaiting, target, armDeadline);
                Reply[] replies = failures.settle(command, outcomes);
                answered = allSucceeded(replies);
                failures.throwRemoteErrors(command, replies);
                T results = take.apply(replies);
                if (command == Command.EVAL_DIFF) {
                    Arrays.fill(lostLinearization, false);
                }
                return results;
            } finally {
                state.compareAndSet(Lifecycle.CALLING, Lifecycle.OPEN);
                if (callDeadline != null) {
                    callDeadline.cancel(false);
                    callDeadline = null;
                }
                sharedMemory.afterCall(answered);
                if (state.get().isClosed()) {
                    sharedMemory.close();
                }
            }
        }
    }

    /** A loop, not a stream: this runs on every call, and an 8-double call is a few microseconds. */
    private static boolean allSucceeded(Reply[] replies) {
        for (Reply r : replies) {
            if (r.code() != ExitCode.SUCCESS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replies are read in worker order, so a worker that dies while an earlier one still computes
     * would be noticed only when the earlier one answers. Failing fast, its exit ends the call at
     * once: the group is closed, the blocked read returns, and the dead worker's crash is the cause.
     * With restarts allowed the others must stay in step: the call waits for them.
     */
    void workerExited(WorkerProcess w) {
        // The call's own snapshot, not restartsLeft: a restart in progress spends the last one, and the
        // exit of the worker it replaces may be reported late, on another thread.
        if (state.get() == Lifecycle.CALLING && callFailsFast && !w.killedByParent() && workers[w.index] == w) {
            LOG.debug("{} exited during a call; ending the call", w);
            fail();
        }
    }

    private void requireLinearizations(Command command) {
        if (!command.needsLinearization()) {
            return;
        }
        for (int i = 0; i < workers.length; i++) {
            if (lostLinearization[i] && !linear[i]) {
                throw new IllegalStateException(names[i] + " was restarted after it died and lost the linearization "
                        + command + " needs; call linearize(x) again");
            }
        }
    }

    synchronized ExecutorService ioThreads() {
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

    synchronized void shutdownIoThreads() {
        if (io != null) {
            io.shutdownNow();
        }
    }

    private void requireOpen(Command command) {
        Lifecycle s = state.get();
        if (s.isClosed()) {
            throw new IllegalStateException(label + " is closed" + (s == Lifecycle.FAILED ? " after a worker failed" : "")
                    + "; cannot run " + command);
        }
    }

    /** A worker failed and cannot be restarted: the group cannot continue in step; end every worker. */
    void fail() {
        Lifecycle before = state.getAndUpdate(s -> s.isClosed() ? s : Lifecycle.FAILED);
        if (!before.isClosed()) {
            endWorkers(before == Lifecycle.CALLING, true);
        }
    }

    /** Ends the workers (see {@link GroupClosing}) on this thread, the one that closed the group. */
    private void endWorkers(boolean wasCalling, boolean failed) {
        ending = Thread.currentThread();
        try {
            GroupClosing.close(this, wasCalling, failed);
        } finally {
            ended.countDown();
        }
    }

    /**
     * Waits until the thread that closed the group first has ended its workers: a close that lost
     * that race (the operator's {@code close()} beside its manager's, or beside the cleaner that
     * found it unreachable) must not return while the workers still run. Bounded, since ending
     * is; keeps an interrupt for the caller.
     */
    private void awaitEnded() {
        if (ending == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!ended.await(END_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        LOG.warn("{}: another thread has been ending the workers for {} ms; close returns without them",
                                label, END_WAIT_MILLIS);
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void killPending(WorkerProcess.KillReason reason) {
        for (int i = 0; i < workers.length; i++) {
            if (pending[i]) {
                workers[i].kill(reason);
            }
        }
    }

    /**
     * Pings every worker once ({@link Heartbeat#pingAll}), unless the group is closed; waits for a
     * call in progress to end, so a ping never interleaves with a call on a pipe.
     *
     * @param answerMillis how long the answers may take
     * @return false once the group is closed
     */
    boolean heartbeat(long answerMillis) {
        synchronized (callLock) {
            if (state.get().isClosed()) {
                return false;
            }
            Heartbeat.pingAll(workers, ++sequence, answerMillis);
            return !state.get().isClosed();
        }
    }

    /** @return the next sequence number; only under the call lock or before the group is shared */
    long nextSequence() {
        return ++sequence;
    }

    /** @return the largest argument or result of any worker's operators, in bytes */
    long largestVectorBytes() {
        long largest = 0;
        for (int i = 0; i < domainBytes.length; i++) {
            largest = Math.max(largest, Math.max(domainBytes[i], codomainBytes[i]));
        }
        return largest;
    }

    /** @return where the group is in its life */
    Lifecycle state() {
        return state.get();
    }

    /** @return the number of workers */
    int size() {
        return workers.length;
    }

    /** @return whether the group is open and every worker alive */
    boolean isRunning() {
        return !state.get().isClosed() && Arrays.stream(workers).allMatch(WorkerProcess::isAlive);
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
     * Ends every worker (see {@link GroupClosing}), or hands the clean ones back to the manager's
     * pool. A worker in the middle of a call is killed at once. Idempotent, callable from any
     * thread, and bounded even when a worker hangs; when another thread is closing the group
     * already, returns once that one has ended the workers.
     */
    void close() {
        Lifecycle before = state.getAndUpdate(s -> s.isClosed() ? s : Lifecycle.CLOSED);
        if (!before.isClosed()) {
            endWorkers(before == Lifecycle.CALLING, false);
        } else {
            awaitEnded();
        }
    }
}
