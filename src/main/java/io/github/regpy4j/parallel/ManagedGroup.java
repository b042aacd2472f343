package io.github.regpy4j.parallel;

import io.github.regpy4j.worker.internal.Command;
import java.lang.ref.Cleaner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of one parallel operator with every way they get closed: the operator's {@code
 * close()}, the innermost open {@link ParallelExecutionManager}, a {@link Cleaner} when the
 * operator becomes unreachable unclosed, and the JVM shutdown hook (through {@link LiveGroups}).
 * Holds no reference to the operator, so the operator can become unreachable.
 */
final class ManagedGroup {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedGroup.class);
    private static final Cleaner CLEANER = Cleaner.create();

    private final WorkerGroup group;
    private final CloseAction action;
    private final Cleaner.Cleanable cleanable;

    private ManagedGroup(Object owner, WorkerGroup group) {
        this.group = group;
        this.action = new CloseAction(group);
        this.cleanable = CLEANER.register(owner, action);
    }

    /**
     * Starts the workers of {@code owner} and puts them under every cleanup path.
     *
     * @throws IllegalArgumentException if the options are null or an operator cannot travel
     * @throws WorkerStartupException if a worker cannot start
     */
    static ManagedGroup start(Object owner, WorkerUnits units, WorkerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("worker options are null; use WorkerOptions.defaults()");
        }
        ManagedGroup m = new ManagedGroup(owner, WorkerGroup.start(owner.getClass().getSimpleName(),
                units.workerOperators(), units.workerDescriptions(), units.classes(), options, ParallelExecutionManager.innermostPool()));
        m.action.managed = ParallelExecutionManager.adopt(m);
        return m;
    }

    double[] callJoined(Command command, CallArguments args, int[] bounds, double[] into, Runnable alongside) {
        return group.callJoined(command, args, bounds, into, alongside);
    }

    double[] callSummed(Command command, CallArguments args, int length, double[] into, Runnable alongside) {
        return group.callSummed(command, args, length, into, alongside);
    }

    double[] callCollected(Command command, CallArguments args, io.github.regpy4j.operators.Distribution perWorker,
            double[] into, Runnable alongside) {
        return group.callCollected(command, args, perWorker, into, alongside);
    }

    int size() {
        return group.size();
    }

    boolean isRunning() {
        return group.isRunning();
    }

    List<ProcessHandle> processes() {
        return group.processes();
    }

    /**
     * Closes the workers now, and returns when they are ended, also when the cleaner or another
     * thread is closing them at the same moment; the cleaner then does nothing.
     */
    void close() {
        action.explicit = true;
        // Runs the action here, unless the cleaner's thread runs it already: then clean() returns
        // at once, and the group's close waits for that thread to end the workers.
        cleanable.clean();
        group.close();
    }

    @Override
    public String toString() {
        return group.label();
    }

    /** Runs once: on close, or when the owner became unreachable without being closed. */
    private static final class CloseAction implements Runnable {
        private final WorkerGroup group;
        private volatile boolean explicit;
        /** Whether a manager's scope holds the group and would close it in any case. */
        private volatile boolean managed;

        CloseAction(WorkerGroup group) {
            this.group = group;
        }

        @Override
        public void run() {
            if (!explicit && group.isRunning()) {
                if (managed) {
                    // Not a leak: the scope would close it; the workers are just freed earlier.
                    LOG.debug("{} became unreachable inside a ParallelExecutionManager's scope; closing its workers"
                            + " now instead of when the scope closes", group.label());
                } else {
                    LOG.warn("{} became unreachable without being closed; closing its workers now. Close parallel "
                            + "operators with try-with-resources or a ParallelExecutionManager", group.label());
                }
            }
            group.close();
        }
    }
}
