package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.worker.internal.Command;
import java.util.List;

/**
 * A column of operators evaluated in parallel, each in its own child JVM. Port of regpy's
 * {@code ParallelVectorOfOperators}, with the semantics of the sequential {@link
 * VectorOfOperators}: for {@code Tᵢ: X → Yᵢ},
 *
 * <pre>
 *   T: X → Y₀ ⊕ … ⊕ Yₙ₋₁,   T(x) = (T₀(x), …, Tₙ₋₁(x)),   T'(x)* (y₀, …, yₙ₋₁) = Σᵢ Tᵢ'(x)* yᵢ
 * </pre>
 *
 * <p>Results agree bit for bit with {@code VectorOfOperators} over the same operators. With
 * {@link WorkerOptions#withMaxWorkers(int)} below the number of operators, each worker evaluates a
 * block of consecutive operators in order and returns the sum of their adjoints; the adjoint is
 * then the sum of these partial sums, which differs from the sequential sum only in the order of
 * the additions (relative differences of the order of 1e-16 per addition, tested at 1e-13); values
 * and derivatives stay bit for bit equal.
 *
 * <p>With {@link WorkerOptions#withCallerShare(boolean)}, this JVM evaluates the last block itself
 * while the workers evaluate theirs; its adjoint terms are added after theirs, with the same
 * bounds on the difference.
 *
 * <p>The derivative's {@linkplain Operator#normal() normal operator} {@code Σᵢ Tᵢ'(x)* Tᵢ'(x) h}
 * is one call per worker: each computes its terms and returns an element of {@code X}, so {@code
 * T'(x) h} never travels. It adds up as the adjoint does, and equals the adjoint after the
 * derivative bit for bit. {@link io.github.regpy4j.solvers.TikhonovCg} takes it for every CG step.
 *
 * <pre>{@code
 * try (var t = new ParallelVectorOfOperators(List.of(f0, f1, f2))) {
 *     Linearization l = t.linearize(x);
 *     double[] g = l.derivative().adjoint().apply(residual);
 * }
 * }</pre>
 *
 * <h2>Life cycle</h2> The constructor serializes every operator (an operator that cannot travel
 * fails here, naming the class and field, before any process starts), starts one worker JVM per
 * operator (or per block of operators, see {@link WorkerOptions#withMaxWorkers(int)}), all at once, and waits for their handshake. {@link #close()} ends them; so does the
 * innermost open {@link ParallelExecutionManager}, a {@code Cleaner} if the instance becomes
 * unreachable unclosed, and a JVM shutdown hook. Each worker also ends by itself when this JVM
 * dies.
 *
 * <h2>Failures</h2> An operator that throws gives a {@link RemoteOperatorException} with the
 * remote type, message and stack; every worker stays usable. A worker that dies gives a {@link
 * WorkerCrashedException}, a call over the call timeout a {@link WorkerTimeoutException}; after
 * either, this operator is closed. Calls from several threads are serialized.
 */
public final class ParallelVectorOfOperators extends WorkerBackedOperator {

    /**
     * @param ops {@code T₀ … Tₙ₋₁}, at least one, all with the same domain. Not modified.
     * @throws IllegalArgumentException if the list is empty, the domains differ, or an operator
     *     cannot be serialized
     * @throws WorkerStartupException if a worker cannot start; none is left running
     */
    public ParallelVectorOfOperators(List<? extends Operator> ops) {
        this(ops, WorkerOptions.defaults());
    }

    /**
     * @param ops {@code T₀ … Tₙ₋₁}, at least one, all with the same domain. Not modified.
     * @param options how to start the workers and how long calls may take
     * @throws IllegalArgumentException if the list is empty, the domains differ, or an operator
     *     cannot be serialized
     * @throws WorkerStartupException if a worker cannot start; none is left running
     */
    public ParallelVectorOfOperators(List<? extends Operator> ops, WorkerOptions options) {
        super(VectorOfOperators.commonDomain(ops), ops, WorkerUnits.common(ops, options), options);
    }

    @Override
    double[] sumOfWorkers(Command command, CallArguments args, double[] into, Runnable alongside) {
        return workers.callSummed(command, args, domain().realSize(), into, alongside);
    }

    @Override
    void addShare(CallerShare.Call share, double[] sum) {
        share.addInto(sum);
    }

    @Override
    CallArguments argumentsFor(double[] x) {
        return CallArguments.same(x, units.operators().size());
    }
}
