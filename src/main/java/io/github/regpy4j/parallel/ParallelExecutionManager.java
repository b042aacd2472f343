package io.github.regpy4j.parallel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A scope that closes every parallel operator created inside it. Port of regpy's
 * {@code ParallelExecutionManager}:
 *
 * <pre>{@code
 * try (ParallelExecutionManager scope = new ParallelExecutionManager()) {
 *     Operator f = new ParallelVectorOfOperators(ops);   // closed when the scope closes
 *     solver.run(f);
 * }   // no worker is left running, also when the body threw
 * }</pre>
 *
 * <p>Scopes nest and close last-in-first-out: an operator belongs to the innermost scope open
 * when it was created (on any thread), and closing a scope also closes the scopes opened inside
 * it that are still open. Operators are closed in the reverse order of their creation.
 */
public final class ParallelExecutionManager implements AutoCloseable {

    private static final Object LOCK = new Object();
    private static final Deque<ParallelExecutionManager> OPEN = new ArrayDeque<>();

    private final List<ManagedGroup> members = new ArrayList<>();
    private boolean closed;

    /** Opens a scope; it becomes the innermost one. */
    public ParallelExecutionManager() {
        synchronized (LOCK) {
            OPEN.push(this);
        }
    }

    static void adopt(ManagedGroup group) {
        synchronized (LOCK) {
            ParallelExecutionManager innermost = OPEN.peek();
            if (innermost != null) {
                innermost.members.add(group);
            }
        }
    }

    /** @return the number of parallel operators created in this scope (closed ones included) */
    public int operatorCount() {
        synchronized (LOCK) {
            return members.size();
        }
    }

    /** @return whether the scope is still open */
    public boolean isOpen() {
        synchronized (LOCK) {
            return !closed;
        }
    }

    /**
     * Closes every parallel operator created in this scope and in the scopes opened inside it,
     * newest first, and ends those scopes. Idempotent; bounded even when a worker hangs.
     */
    @Override
    public void close() {
        List<ManagedGroup> toClose = new ArrayList<>();
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
                } while (m != this);
            }
            closed = true;
        }
        toClose.forEach(ManagedGroup::close);
    }
}
