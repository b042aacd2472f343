package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.Command;
import java.util.List;

/**
 * What the two parallel operators share: their workers, one per operator, with every path that
 * ends them, and a {@link DirectSum} codomain. Subclasses say what each worker gets.
 */
abstract class WorkerBackedOperator extends Operator implements AutoCloseable {

    final ManagedGroup workers;

    WorkerBackedOperator(VectorSpace domain, List<? extends Operator> ops, WorkerOptions options) {
        super(domain, io.github.regpy4j.operators.VectorOfOperators.codomainOf(ops),
                ops.stream().allMatch(Operator::isLinear));
        this.workers = ManagedGroup.start(this, ops, options);
    }

    final DirectSum codomainSum() {
        return (DirectSum) codomain();
    }

    /** @return what each worker gets of {@code x}, in worker order (the same array for all when they share it) */
    abstract double[][] argumentsFor(double[] x);

    /**
     * @return {@code true}: the workers' results are copied straight into the output array, so a
     *     loop that evaluates into the same array allocates nothing of the vector's size in this JVM
     */
    @Override
    public final boolean evaluatesInto() {
        return true;
    }

    @Override
    protected final void evaluateInto(double[] x, double[] out) {
        workers.callJoined(Command.EVAL_NODIFF, argumentsFor(x), codomainSum(), out);
    }

    /** @return the number of workers, one per operator */
    public final int workerCount() {
        return workers.size();
    }

    /** @return whether the workers are running: not closed, and every worker alive */
    public final boolean isRunning() {
        return workers.isRunning();
    }

    /** @return the worker processes, in operator order */
    public final List<ProcessHandle> workerProcesses() {
        return workers.processes();
    }

    /**
     * Ends every worker, or, inside a {@link ParallelExecutionManager}'s scope, hands them back
     * to it to wait for the next operator. Idempotent; bounded even when a worker hangs; declares
     * no exception.
     */
    @Override
    public final void close() {
        workers.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + workers + ", " + workers.size() + " workers: " + domain() + " → "
                + codomain() + "]";
    }
}
