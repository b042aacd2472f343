package io.github.regpy4j.parallel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A scope that closes every parallel operator created inside it, and keeps their worker JVMs warm
 * for the next one. Port of regpy's {@code ParallelExecutionManager}:
 *
 * <pre>{@code
 * try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
 *     for (double lambda : lambdas) {                       // a parameter sweep
 *         try (var f = new ParallelVectorOfOperators(build(lambda))) {
 *             solve(f);
 *         }   // its workers forget the operator and wait, idle, for the next one
 *     }
 * }   // no worker is left running, also when the body threw
 * }</pre>
 *
 * <h2>Closing</h2> Scopes nest and close last-in-first-out: an operator belongs to the innermost
 * scope open when it was created (on any thread), and closing a scope also closes the scopes
 * opened inside it that are still open. Operators are closed in the reverse order of their
 * creation.
 *
 * <h2>Warm workers</h2> A JVM cannot fork, and a cold worker needs tens to hundreds of
 * milliseconds to start. So an operator closed inside a scope does not end its workers: each
 * forgets its operator (its linearization, its shared memory, and its classes: the next operator
 * sees none of the previous one's statics) and waits, idle, to be handed to the next parallel
 * operator created in the same scope, which then starts with a round trip instead of a JVM start.
 * Only workers started by an equal command line (JVM, flags, classpath, launcher) are reused for
 * each other, and only clean ones: a worker whose operator left threads running is ended instead.
 * Idle workers end when the scope closes, after the idle timeout, at JVM exit, and by themselves
 * when this JVM dies. {@link Builder#prestart(int)} starts workers ahead, in the background, so
 * that they boot while this JVM builds the problem and serializes the operators: an operator
 * created while they still boot waits for them rather than start JVMs of its own beside them.
 * {@link WorkerOptions#workerCountFor(int)} says how many to prestart.
 */
public final class ParallelExecutionManager implements AutoCloseable {

    /** How long a worker may wait idle before it is ended, unless the builder says otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final Object LOCK = new Object();
    private static final Deque<ParallelExecutionManager> OPEN = new ArrayDeque<>();

    private final List<ManagedGroup> members = new ArrayList<>();
    private final WorkerPool pool;
    private boolean closed;

    /** Opens a scope that keeps closed operators' workers warm for {@link #DEFAULT_IDLE_TIMEOUT}. */
    public ParallelExecutionManager() {
        this(builder());
    }

    /**
     * Opens a scope and starts {@code prestart} workers ahead, in the background, with the default
     * {@link WorkerOptions}: the first operator created after a short wait finds them ready.
     *
     * @param prestart the number of workers to start ahead, at least 0
     */
    public ParallelExecutionManager(int prestart) {
        this(builder().prestart(prestart));
    }

    private ParallelExecutionManager(Builder b) {
        this.pool = b.pooling ? new WorkerPool(b.idleTimeout) : null;
        synchronized (LOCK) {
            OPEN.push(this);
        }
        if (pool != null) {
            pool.prestart(b.prestart, b.options);
        }
    }

    /** @return a builder of a scope with non-default warm-worker settings */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings of a scope. */
    public static final class Builder {
        private int prestart;
        private WorkerOptions options = WorkerOptions.defaults();
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private boolean pooling = true;

        private Builder() {}

        /**
         * @param count workers to start ahead, in the background, at least 0; for one parallel
         *     operator of {@code n} operators, {@code options.workerCountFor(n)}. An operator
         *     created with equal options while they boot takes them as they become ready, and
         *     starts JVMs of its own only for the rest.
         * @return this builder
         */
        public Builder prestart(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("prestart count must be at least 0 but is " + count);
            }
            this.prestart = count;
            return this;
        }

        /**
         * @param options the options of the operators that will use the prestarted workers (only
         *     workers of equal JVM flags and launcher are handed out)
         * @return this builder
         */
        public Builder prestartOptions(WorkerOptions options) {
            if (options == null) {
                throw new IllegalArgumentException("prestart options are null; use WorkerOptions.defaults()");
            }
            this.options = options;
            return this;
        }

        /**
         * @param timeout how long a worker may wait idle before it is ended, positive
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("idle timeout must be positive but is " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * @param enabled whether closed operators' workers wait for the next operator (default) or end
         * @return this builder
         */
        public Builder keepWorkersWarm(boolean enabled) {
            this.pooling = enabled;
            return this;
        }

        /** @return the open scope; it becomes the innermost one */
        public ParallelExecutionManager build() {
            return new ParallelExecutionManager(this);
        }
    }

    /** @return whether an open scope took the group: it then closes it when the scope closes */
    static boolean adopt(ManagedGroup group) {
        synchronized (LOCK) {
            ParallelExecutionManager innermost = OPEN.peek();
            if (innermost != null) {
                innermost.members.add(group);
            }
            return innermost != null;
        }
    }

    static WorkerPool innermostPool() {
        synchronized (LOCK) {
            ParallelExecutionManager innermost = OPEN.peek();
            return innermost == null ? null : innermost.pool;
        }
    }

    /** @return the number of parallel operators created in this scope (closed ones included) */
    public int operatorCount() {
        synchronized (LOCK) {
            return members.size();
        }
    }

    /** @return the number of idle workers waiting for the next operator */
    public int idleWorkerCount() {
        return pool == null ? 0 : pool.idleCount();
    }

    /** @return the idle worker processes */
    public List<ProcessHandle> idleWorkerProcesses() {
        return pool == null ? List.of() : pool.idleProcesses();
    }

    /** @return whether the scope is still open */
    public boolean isOpen() {
        synchronized (LOCK) {
            return !closed;
        }
    }

    /**
     * Closes every parallel operator created in this scope and in the scopes opened inside it,
     * newest first, ends every idle worker, and ends those scopes. Idempotent; bounded even when
     * a worker hangs.
     */
    @Override
    public void close() {
        List<ManagedGroup> toClose = new ArrayList<>();
        List<WorkerPool> pools = new ArrayList<>();
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            if (OPEN.contains(this)) {
                ParallelExecutionManager m;
                do {
                    m = OPEN.pop();
                    m.closed = true;
                    for (int i = m.members.size() - 1; i >= 0; i--) {
                        toClose.add(m.members.get(i));
                    }
                    if (m.pool != null) {
                        pools.add(m.pool);
                    }
                } while (m != this);
            }
            closed = true;
            if (pool != null && !pools.contains(pool)) {
                pools.add(pool);
            }
        }
        // The pools stop taking workers first: closing operators then ends theirs instead of parking them.
        pools.forEach(WorkerPool::close);
        toClose.forEach(ManagedGroup::close);
    }
}
