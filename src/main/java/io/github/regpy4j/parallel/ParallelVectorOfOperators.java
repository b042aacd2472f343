package io.github.regpy4j.parallel;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.operators.VectorOfOperators;
import io.github.regpy4j.vecsps.DirectSum;
import io.github.regpy4j.vecsps.Vectors;
import io.github.regpy4j.worker.Command;
import java.util.Arrays;
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
 * <p>Results agree bit for bit with {@code VectorOfOperators} over the same operators.
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
 * operator, all at once, and waits for their handshake. {@link #close()} ends them; so does the
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
        super(VectorOfOperators.commonDomain(ops), ops, options);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        Command c = differentiate && !isLinear() ? Command.EVAL_DIFF : Command.EVAL_NODIFF;
        return workers.callJoined(c, argumentsFor(x), codomainSum());
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        return workers.callJoined(Command.DERIV, argumentsFor(h), codomainSum());
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return Vectors.sum(workers.call(Command.ADJOINT, codomainSum().split(y)));
    }

    @Override
    double[][] argumentsFor(double[] x) {
        double[][] args = new double[workers.size()][];
        Arrays.fill(args, x);
        return args;
    }

}
