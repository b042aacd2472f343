package io.github.regpy4j.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How worker JVMs are started and how long they may take. Immutable: each {@code with…} returns a
 * new instance.
 *
 * <pre>{@code
 * WorkerOptions options = WorkerOptions.defaults()
 *         .withJvmArgs(List.of("-Xmx2g"))
 *         .withCallTimeout(Duration.ofMinutes(5));
 * }</pre>
 */
public final class WorkerOptions {

    /**
     * Vectors of at least this many bytes travel through shared memory by default: 16 KiB (2048
     * doubles). From about 32 KB on, shared memory is faster than the pipe (8 workers, apply,
     * linearize and adjoint of 2e4 doubles: 20.6 ms through the pipes, 14.3 ms through shared
     * memory); below, the two are alike (BENCHMARKS.md).
     */
    public static final long DEFAULT_SHARED_MEMORY_THRESHOLD = 16L << 10;

    /**
     * The longest call or startup timeout: 100 years. Longer ones overflow the runtime's
     * nanosecond clocks (a worker's deadline is {@code System.nanoTime()} plus the timeout, and
     * {@code Long.MAX_VALUE} nanoseconds are 292 years), and would fail every call at once instead
     * of never.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(36_500);

    private static final WorkerOptions DEFAULTS = new WorkerOptions(new Values());

    private final List<String> jvmArgs;
    private final Duration callTimeout;
    private final Duration startupTimeout;
    private final long sharedMemoryThreshold;
    private final int maxRestarts;
    private final boolean classDataSharing;
    private final WorkerLauncher launcher;
    private final int maxWorkers;
    private final boolean callerShare;

    private WorkerOptions(Values v) {
        this.jvmArgs = v.jvmArgs;
        this.callTimeout = v.callTimeout;
        this.startupTimeout = v.startupTimeout;
        this.sharedMemoryThreshold = v.sharedMemoryThreshold;
        this.maxRestarts = v.maxRestarts;
        this.classDataSharing = v.classDataSharing;
        this.launcher = v.launcher;
        this.maxWorkers = v.maxWorkers;
        this.callerShare = v.callerShare;
    }

    /** The settings while one of them changes: each {@code with…} copies these, changes one, and freezes them. */
    private static final class Values {
        List<String> jvmArgs = List.of();
        Duration callTimeout;
        Duration startupTimeout = Duration.ofSeconds(30);
        long sharedMemoryThreshold = DEFAULT_SHARED_MEMORY_THRESHOLD;
        int maxRestarts;
        boolean classDataSharing;
        WorkerLauncher launcher = WorkerLauncher.local();
        int maxWorkers = Integer.MAX_VALUE;
        boolean callerShare;
    }

    /** @return a copy of these options with one change */
    private WorkerOptions with(Consumer<Values> change) {
        Values v = new Values();
        v.jvmArgs = jvmArgs;
        v.callTimeout = callTimeout;
        v.startupTimeout = startupTimeout;
        v.sharedMemoryThreshold = sharedMemoryThreshold;
        v.maxRestarts = maxRestarts;
        v.classDataSharing = classDataSharing;
        v.launcher = launcher;
        v.maxWorkers = maxWorkers;
        v.callerShare = callerShare;
        change.accept(v);
        return new WorkerOptions(v);
    }

    /**
     * @return no extra JVM flags, no call timeout, a startup timeout of 30 s, shared memory for
     *     vectors of 16 KiB and more, no restarts (fail fast), no class-data-sharing archive
     */
    public static WorkerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param jvmArgs extra flags for every worker JVM, e.g. {@code -Xmx2g}; they come after the
     *     runtime's own defaults ({@code -Xms16m}, left out when these flags cap the heap below
     *     it, {@code -XX:-UsePerfData}, JVM warnings and output to stderr; for local workers whose
     *     vectors stay under 4 MiB, the serial collector with {@code -Xms128m} and objects of 4 MiB
     *     or more put straight into its old generation ({@code -XX:PretenureSizeThreshold}), for
     *     the others G1, unless these flags or {@code JAVA_TOOL_OPTIONS} choose a collector; for
     *     local workers whose vectors reach 512 KiB, {@code -XX:+UseTransparentHugePages} where
     *     the kernel gives huge pages on request, unless these flags choose the page size, and
     *     under G1 {@code -Xms256m} unless they set the heap) and so can override them. A worker's
     *     stdout is its channel to this JVM, so flags that would log there are
     *     sent to stderr, which this JVM's log receives: {@code -verbose:gc} becomes {@code
     *     -Xlog:gc:stderr}, an {@code -Xlog} with no output or {@code stdout} gets {@code stderr}.
     *     A flight recording ({@code -XX:StartFlightRecording=dumponexit=true,filename=DIR/}) is
     *     written when the worker is closed, one file per worker in {@code DIR}. Not modified (copied).
     * @return options with these flags instead of the current ones
     * @throws IllegalArgumentException if the list or a flag is null or blank
     */
    public WorkerOptions withJvmArgs(List<String> jvmArgs) {
        if (jvmArgs == null) {
            throw new IllegalArgumentException("jvmArgs is null; pass List.of() for none");
        }
        List<String> copy = new ArrayList<>(jvmArgs.size());
        for (int i = 0; i < jvmArgs.size(); i++) {
            String a = jvmArgs.get(i);
            if (a == null || a.isBlank()) {
                throw new IllegalArgumentException("JVM flag " + i + " is " + (a == null ? "null" : "blank")
                        + " in " + jvmArgs);
            }
            copy.add(a);
        }
        List<String> frozen = List.copyOf(copy);
        return with(v -> v.jvmArgs = frozen);
    }

    /**
     * @param timeout the longest one command may run in a worker, positive and at most {@link
     *     #MAX_TIMEOUT}; after it the call fails with {@link WorkerTimeoutException} and the worker
     *     is ended. A timeout that is not a whole number of milliseconds is rounded up to the next
     *     one: a command is never cut short, and a timeout under a millisecond still is one.
     * @return options with this call timeout
     * @throws IllegalArgumentException if the timeout is null, zero, negative or above {@link
     *     #MAX_TIMEOUT} (for none, {@link #withoutCallTimeout()})
     */
    public WorkerOptions withCallTimeout(Duration timeout) {
        Duration checked = positive(timeout, "call timeout", "; for no call timeout use withoutCallTimeout()");
        return with(v -> v.callTimeout = checked);
    }

    /** @return options without a call timeout: a command may run as long as it takes (the default) */
    public WorkerOptions withoutCallTimeout() {
        return with(v -> v.callTimeout = null);
    }

    /**
     * @param timeout the longest all workers may take to start and answer the handshake, positive
     *     and at most {@link #MAX_TIMEOUT}; rounded up to whole milliseconds
     * @return options with this startup timeout
     * @throws IllegalArgumentException if the timeout is null, zero, negative or above {@link #MAX_TIMEOUT}
     */
    public WorkerOptions withStartupTimeout(Duration timeout) {
        Duration checked = positive(timeout, "startup timeout", "");
        return with(v -> v.startupTimeout = checked);
    }

    /**
     * @param bytes vectors of at least this many bytes travel through shared memory ({@code
     *     /dev/shm}) instead of the pipe; 0 sends every vector that way
     * @return options with this threshold
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public WorkerOptions withSharedMemoryThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("shared-memory threshold must be at least 0 bytes but is " + bytes);
        }
        return with(v -> v.sharedMemoryThreshold = bytes);
    }

    /** @return options under which every vector travels through the pipe */
    public WorkerOptions withoutSharedMemory() {
        return with(v -> v.sharedMemoryThreshold = Long.MAX_VALUE);
    }

    /**
     * Opt-in restarts: a worker that dies is started again from its original operator, up to
     * {@code restarts} times over the life of the parallel operator. The call that found it dead
     * still fails (with {@link WorkerCrashedException}); a later call that needs the lost
     * linearization fails with an {@link IllegalStateException} saying to linearize again; every
     * other call goes on. The default, 0, fails fast: a dead worker closes the operator.
     *
     * @param restarts how many restarts in total, at least 0
     * @return options with this restart budget
     * @throws IllegalArgumentException if {@code restarts} is negative
     */
    public WorkerOptions withMaxRestarts(int restarts) {
        if (restarts < 0) {
            throw new IllegalArgumentException("max restarts must be at least 0 but is " + restarts);
        }
        return with(v -> v.maxRestarts = restarts);
    }

    /**
     * Opt-in faster startup: workers use an AppCDS archive of the classes a worker loads, created
     * once per library version, JDK and classpath (under {@code ~/.cache/regpy4j}, or {@code
     * java.io.tmpdir} if that is not writable) and shared by every later worker. Skipped silently
     * when the archive cannot be made or used.
     *
     * @param enabled whether to use the archive
     * @return options with class-data sharing on or off
     */
    public WorkerOptions withClassDataSharing(boolean enabled) {
        return with(v -> v.classDataSharing = enabled);
    }

    /**
     * @param launcher where and how workers start: {@link WorkerLauncher#local()} (the default),
     *     {@link WorkerLauncher#ssh(List)}, {@link WorkerLauncher#srun()} or {@link
     *     WorkerLauncher#commandPrefix(List)}. With any but the local one, shared memory and the
     *     class-data-sharing archive are off, whatever is set here.
     * @return options with this launcher
     * @throws IllegalArgumentException if the launcher is null
     */
    public WorkerOptions withLauncher(WorkerLauncher launcher) {
        if (launcher == null) {
            throw new IllegalArgumentException("launcher is null; pass WorkerLauncher.local() for the default");
        }
        return with(v -> v.launcher = launcher);
    }

    /**
     * At most {@code k} worker JVMs serve the operators of one parallel operator. With {@code n >
     * k} operators, they are dealt in {@code k} contiguous blocks as even as possible (sizes differ
     * by at most one, earlier blocks the larger), and each worker evaluates its block in order; a
     * {@link DistributedVectorOfOperators} worker receives each component its block reads once.
     * Fewer JVMs than operators pay when the machine has fewer cores than operators: one JVM per
     * core compiles the code once per core instead of once per operator, and the data a block
     * shares travels once. The default is one worker per operator, as in regpy.
     *
     * <p>Values and derivatives stay bit for bit those of the sequential {@code VectorOfOperators};
     * adjoints are sums of per-worker partial sums, which differ from the sequential sum only in
     * the order of the additions. Within a block, one nonlinear instance that appears twice is
     * linearized once, as in {@code VectorOfOperators}: at two different points that fails (use
     * separate instances), whereas with one worker per operator each worker has its own copy.
     *
     * @param k the most workers, at least 1; {@code Runtime.getRuntime().availableProcessors()}
     *     is a good choice on one machine
     * @return options with this limit
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public WorkerOptions withMaxWorkers(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("max workers must be at least 1 but is " + k);
        }
        return with(v -> v.maxWorkers = k);
    }

    /** @return the most workers one parallel operator starts; {@code Integer.MAX_VALUE} (the default) for one per operator */
    public int maxWorkers() {
        return maxWorkers;
    }

    /**
     * Whether this JVM, the one that calls the parallel operator, evaluates a share of its
     * operators itself while the workers evaluate theirs, instead of waiting idle for their replies.
     *
     * <p>The operators are then dealt in {@code min(n, maxWorkers() + 1)} blocks as {@link
     * #withMaxWorkers(int)} deals them, and this JVM takes the last block (the smallest, since
     * earlier blocks are the larger): it evaluates its own copy of those operators, made as a worker
     * makes its copy, on the calling thread, once the workers' requests are out. Its share
     * crosses no pipe and needs no JVM started or compiled, so on a machine with few cores it is
     * the cheapest share there is: with 2 processors, {@code withMaxWorkers(1).withCallerShare(true)}
     * starts one worker JVM and uses both cores. With a single operator there is nothing to share,
     * and it runs in its worker.
     *
     * <p>What a worker guarantees and this JVM's share does not: the share is not bounded by the
     * {@linkplain #withCallTimeout call timeout} (the workers are), and an operator that crashes
     * or exhausts this JVM takes the caller with it. An operator that throws in the share gives a
     * {@link RemoteOperatorException} that names it, as a worker's would. Values and derivatives
     * stay bit for bit those of the sequential {@code VectorOfOperators}; the share's adjoint is
     * added after the workers' partial sums, so adjoints differ from the sequential sum only in the
     * order of the additions, as with {@link #withMaxWorkers(int)}. The default is off: every
     * operator in a worker, as in regpy.
     *
     * @param enabled whether this JVM evaluates the last block itself
     * @return options with this choice
     */
    public WorkerOptions withCallerShare(boolean enabled) {
        return with(v -> v.callerShare = enabled);
    }

    /** @return whether this JVM evaluates a share of the operators itself; off by default */
    public boolean callerShare() {
        return callerShare;
    }

    /**
     * How many worker JVMs a parallel operator of {@code operators} operators starts with these
     * options: one per operator by default, at most {@link #maxWorkers()}, and one block fewer
     * with {@linkplain #withCallerShare(boolean) this JVM's share}. What to {@linkplain
     * ParallelExecutionManager.Builder#prestart(int) prestart} for it.
     *
     * @param operators the number of operators, at least 1
     * @return the number of worker JVMs, at least 1
     * @throws IllegalArgumentException if {@code operators < 1}
     */
    public int workerCountFor(int operators) {
        return blocksFor(operators) - (sharesWithCaller(operators) ? 1 : 0);
    }

    /** @return how many blocks {@code operators} operators are dealt in: one per worker, and one for this JVM's share */
    int blocksFor(int operators) {
        if (operators < 1) {
            throw new IllegalArgumentException("a parallel operator needs at least 1 operator but has " + operators);
        }
        int evaluators = sharesWithCaller(operators) && maxWorkers < Integer.MAX_VALUE ? maxWorkers + 1 : maxWorkers;
        return Math.min(operators, evaluators);
    }

    /** A single operator is not shared: it runs in its worker. */
    boolean sharesWithCaller(int operators) {
        return callerShare && operators >= 2;
    }

    /** @return where and how workers start */
    public WorkerLauncher launcher() {
        return launcher;
    }

    /** @return the extra JVM flags, unmodifiable */
    public List<String> jvmArgs() {
        return jvmArgs;
    }

    /** @return the call timeout, if there is one */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /**
     * @return the call timeout in whole milliseconds, rounded up, 0 for none: what each call sends,
     *     without an object per call
     */
    long callTimeoutMillis() {
        return callTimeout == null ? 0 : roundedUpMillis(callTimeout);
    }

    /** @return the startup timeout in whole milliseconds, rounded up, as the deadlines take it */
    long startupTimeoutMillis() {
        return roundedUpMillis(startupTimeout);
    }

    /** @return {@code d} in milliseconds, rounded up: a positive duration under a millisecond is 1 ms, not 0 (none) */
    private static long roundedUpMillis(Duration d) {
        long millis = d.toMillis();
        return d.compareTo(Duration.ofMillis(millis)) > 0 ? millis + 1 : millis;
    }

    /** @return the startup timeout */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    /**
     * @return the size in bytes from which vectors travel through shared memory; {@code
     *     Long.MAX_VALUE} for never, always so with a launcher other than the local one
     */
    public long sharedMemoryThreshold() {
        return launcher.isLocal() ? sharedMemoryThreshold : Long.MAX_VALUE;
    }

    /** @return how many times in total dead workers are restarted; 0 fails fast */
    public int maxRestarts() {
        return maxRestarts;
    }

    /** @return whether workers use an AppCDS archive; never with a launcher other than the local one */
    public boolean classDataSharing() {
        return classDataSharing && launcher.isLocal();
    }

    /** @param insteadOfTooLong what to use instead of a timeout beyond {@link #MAX_TIMEOUT}, for the message, or "" */
    private static Duration positive(Duration d, String what, String insteadOfTooLong) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive but is " + d);
        }
        if (d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_TIMEOUT.toDays() + " days but is " + d
                    + insteadOfTooLong);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerOptions w && jvmArgs.equals(w.jvmArgs) && Objects.equals(callTimeout, w.callTimeout)
                && startupTimeout.equals(w.startupTimeout) && sharedMemoryThreshold == w.sharedMemoryThreshold
                && maxRestarts == w.maxRestarts && classDataSharing == w.classDataSharing
                && launcher.equals(w.launcher) && maxWorkers == w.maxWorkers && callerShare == w.callerShare;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jvmArgs, callTimeout, startupTimeout, sharedMemoryThreshold, maxRestarts, classDataSharing,
                launcher, maxWorkers, callerShare);
    }

    @Override
    public String toString() {
        return "WorkerOptions[jvmArgs=" + jvmArgs + ", callTimeout=" + (callTimeout == null ? "none" : callTimeout)
                + ", startupTimeout=" + startupTimeout + ", sharedMemoryThreshold="
                + (sharedMemoryThreshold == Long.MAX_VALUE ? "off" : sharedMemoryThreshold + " bytes")
                + ", maxRestarts=" + maxRestarts + ", classDataSharing=" + classDataSharing + ", launcher=" + launcher
                + ", maxWorkers=" + (maxWorkers == Integer.MAX_VALUE ? "one per operator" : maxWorkers) + ", callerShare=" + callerShare + "]";
    }
}
