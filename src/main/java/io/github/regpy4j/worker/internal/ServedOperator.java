package io.github.regpy4j.worker.internal;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;

/**
 * An operator served command by command, as a worker serves it: {@code eval_diff} keeps the
 * derivative at its point, {@code eval_nodiff} drops it, and {@code deriv}, {@code adjoint} and
 * {@code normal} go to the operator itself when it is linear, else to that derivative. The
 * dispatch of regpy's {@code OperatorAsWorker.run}, shared by the worker's session and by the share
 * of the operators the calling JVM evaluates itself. Used by one thread at a time.
 */
public final class ServedOperator {

    private final Operator operator;
    /** The derivative at the point of the last {@code eval_diff}; {@code null} before and after {@code eval_nodiff}. */
    private Operator derivative;
    /** A linear operator's adjoint and normal operator, made once. */
    private Operator adjoint;
    private Operator normal;

    /** @param operator the operator to serve */
    public ServedOperator(Operator operator) {
        this.operator = operator;
    }

    /** @return the operator served */
    public Operator operator() {
        return operator;
    }

    /**
     * Carries out one vector command.
     *
     * @param command {@code eval_diff}, {@code eval_nodiff}, {@code deriv}, {@code adjoint} or {@code normal}
     * @param x its argument. Not modified.
     * @return its result, a fresh array
     * @throws IllegalStateException for {@code deriv}, {@code adjoint} or {@code normal} of a
     *     nonlinear operator not linearized since its last evaluation
     * @throws RuntimeException whatever the operator throws
     */
    public double[] evaluate(Command command, double[] x) {
        if (command == Command.EVAL_DIFF) {
            derivative = null;
            Linearization l = operator.linearize(x);
            derivative = l.derivative();
            return l.value();
        }
        Operator target = target(command);
        if (command == Command.EVAL_NODIFF) {
            derivative = null;
        }
        return target.apply(x);
    }

    /**
     * @param command a vector command other than {@code eval_diff}
     * @return the operator it goes to; after {@code eval_nodiff} a nonlinear operator has no derivative
     * @throws IllegalStateException for {@code deriv}, {@code adjoint} or {@code normal} of a
     *     nonlinear operator not linearized since its last evaluation
     * @throws IllegalArgumentException for any other command
     */
    public Operator target(Command command) {
        return switch (command) {
            case EVAL_NODIFF -> operator;
            case DERIV -> linearPart();
            case ADJOINT -> {
                if (!operator.isLinear()) {
                    yield linearPart().adjoint();
                }
                if (adjoint == null) {
                    adjoint = operator.adjoint();
                }
                yield adjoint;
            }
            case NORMAL -> {
                if (!operator.isLinear()) {
                    yield linearPart().normal();
                }
                if (normal == null) {
                    normal = operator.normal();
                }
                yield normal;
            }
            default -> throw new IllegalArgumentException("command " + command + " does not go to an operator's part");
        };
    }

    /** Forgets the linearization: the next evaluation of the operator revokes it anyway. */
    void forgetLinearization() {
        derivative = null;
    }

    private Operator linearPart() {
        if (operator.isLinear()) {
            return operator;
        }
        if (derivative == null) {
            throw new IllegalStateException(operator + " is nonlinear and was not linearized (eval_diff) since its last evaluation");
        }
        return derivative;
    }

    @Override
    public String toString() {
        return operator.toString();
    }
}
