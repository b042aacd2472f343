package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.worker.internal.Command;
import java.util.List;

/**
 * What the two parallel operators share: their workers (one per operator, or one per block of
 * operators with {@link WorkerOptions#withMaxWorkers(int)}), with every path that ends them, a
 * {@link DirectSum} codomain, and the forward path: each worker's result is written straight into
 * its place in the joined result. Subclasses say what each worker gets and how the adjoint adds up.
 */
abstract class WorkerBackedOperator extends Operator implements AutoCloseable {

    final ManagedGroup workers;
    final WorkerUnits units;
    /**
     * Unit {@code b}'s part of an element of the codomain: {@code [codomainBounds[b],
     * codomainBounds[b+1])}; the workers' units first, then this JVM's share, if any.
     */
    final int[] codomainBounds;
    /** The last unit, evaluated in this JVM ({@link WorkerOptions#withCallerShare(boolean)}); or {@code null}. */
    private final CallerShare share;

    WorkerBackedOperator(VectorSpace domain, List<? extends Operator> ops, WorkerUnits units, WorkerOptions options) {
        super(domain, VectorOfOperators.codomainOf(ops), ops.stream().allMatch(Operator::isLinear));
        this.units = units;
        int[] operatorBounds = new int[ops.size() + 1];
        for (int i = 0; i <= ops.size(); i++) {
            operatorBounds[i] = codomainSum().offset(i);
        }
        this.codomainBounds = units.blocks().blockBounds(operatorBounds);
        // The share's copy is made before any process starts: an operator that cannot travel fails first.
        int last = units.operators().size() - 1;
        Operator shareCopy = units.callerShare() ? CallerShare.copyOf(units.operators().get(last), last) : null;
        this.workers = ManagedGroup.start(this, units, options);
        this.share = shareCopy == null ? null
                : new CallerShare(workers + "/this JVM (" + units.descriptions().get(last) + ")", shareCopy);
    }

    final DirectSum codomainSum() {
        return (DirectSum) codomain();
    }

    /** @return what each unit gets of {@code x}, in unit order: the workers', then this JVM's share's */
    abstract CallArguments argumentsFor(double[] x);

    /**
     * The workers' part of a call whose results are elements of each unit's domain (the adjoint,
     * the normal operator), added up into an element of the whole domain.
     *
     * @param command {@code adjoint} or {@code normal}
     * @param args the workers' arguments only
     * @param into where the result goes, or {@code null} for a fresh array. Modified.
     * @param alongside what this thread does meanwhile, or {@code null}
     * @return {@code into}, or the fresh result
     */
    abstract double[] sumOfWorkers(Command command, CallArguments args, double[] into, Runnable alongside);

    /** Adds this JVM's share of a summed call to the workers' sum. */
    abstract void addShare(CallerShare.Call share, double[] sum);

    /** A call whose results are joined side by side into an element of the codomain. */
    private double[] joined(Command command, CallArguments args, double[] into) {
        if (share == null) {
            return workers.callJoined(command, args, codomainBounds, into, null);
        }
        int k = workers.size();
        CallerShare.Call mine = share.call(command, args, k);
        double[] joined;
        try {
            joined = workers.callJoined(command, args.first(k), codomainBounds, into, mine);
        } catch (RuntimeException e) {
            throw mine.alongside(e);
        }
        mine.copyInto(joined, codomainBounds[k]);
        return joined;
    }

    /** A call whose results are added up into an element of the domain. */
    private double[] summed(Command command, CallArguments args, double[] into) {
        if (share == null) {
            return sumOfWorkers(command, args, into, null);
        }
        int k = workers.size();
        CallerShare.Call mine = share.call(command, args, k);
        double[] sum;
        try {
            sum = sumOfWorkers(command, args.first(k), into, mine);
        } catch (RuntimeException e) {
            throw mine.alongside(e);
        }
        addShare(mine, sum);
        return sum;
    }

    @Override
    protected final double[] evaluate(double[] x, boolean differentiate) {
        Command c = differentiate && !isLinear() ? Command.EVAL_DIFF : Command.EVAL_NODIFF;
        return joined(c, argumentsFor(x), null);
    }

    @Override
    protected final double[] applyDerivative(double[] h) {
        return joined(Command.DERIV, argumentsFor(h), null);
    }

    @Override
    protected final double[] applyAdjoint(double[] y) {
        return summed(Command.ADJOINT, partsOf(y), null);
    }

    /**
     * {@code Σᵢ Tᵢ'* Tᵢ' h}, each term computed in its worker ({@code normal}): a worker returns an
     * element of its domain instead of {@code Tᵢ' h}, which would only be sent back to it for the
     * adjoint. The terms and their order are those of the adjoint of the derivative's value, so
     * the result is that one's, bit for bit.
     */
    @Override
    protected final double[] applyNormal(double[] h) {
        return summed(Command.NORMAL, argumentsFor(h), null);
    }

    @Override
    protected final void applyNormalInto(double[] h, double[] out) {
        summed(Command.NORMAL, argumentsFor(h), out);
    }

    /**
     * @return {@code true}: the workers' results are copied straight into the output array, and,
     *     for the adjoint of a linear one, added up straight into it, so a loop that evaluates
     *     into the same array allocates nothing of the vector's size in this JVM
     */
    @Override
    public final boolean evaluatesInto() {
        return true;
    }

    @Override
    protected final void evaluateInto(double[] x, double[] out) {
        joined(Command.EVAL_NODIFF, argumentsFor(x), out);
    }

    @Override
    protected final void applyAdjointInto(double[] y, double[] out) {
        summed(Command.ADJOINT, partsOf(y), out);
    }

    /**
     * @return {@code true}: the derivative's results, and its adjoint's, go straight into the
     *     caller's array as the operator's own do, so a CG that reuses its arrays ({@link
     *     io.github.regpy4j.solvers.TikhonovCg}) allocates nothing of the vector's size per step
     */
    @Override
    protected final boolean derivativeEvaluatesInto() {
        return true;
    }

    @Override
    protected final void applyDerivativeInto(double[] h, double[] out) {
        joined(Command.DERIV, argumentsFor(h), out);
    }

    /** @return each worker's part of {@code y}, slices of it: no split copy */
    final CallArguments partsOf(double[] y) {
        return CallArguments.slices(y, codomainBounds);
    }

    /**
     * @return the number of worker JVMs: one per operator, or at most {@link
     *     WorkerOptions#maxWorkers()}
     */
    public final int workerCount() {
        return workers.size();
    }

    /** @return whether the workers are running: not closed, and every worker alive */
    public final boolean isRunning() {
        return workers.isRunning();
    }

    /** @return the worker processes, in operator order (worker {@code b} serves the {@code b}-th block) */
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
