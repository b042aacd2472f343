package io.github.regpy4j.worker;

import io.github.regpy4j.operators.FactoryOperator;
import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;

/**
 * What a worker remembers between commands: its operator and the derivative of the last
 * {@code eval_diff}. Port of the command dispatch of regpy's {@code OperatorAsWorker.run}; unlike
 * it, an operator that throws leaves the worker serving, and the reply keeps the exception's type
 * and stack. Used by one thread at a time.
 */
final class WorkerSession {

    private Operator operator;
    private Operator adjoint;
    private Operator derivative;

    /** @return the reply to {@code request}; never throws for what the operator does */
    Reply execute(Request request) {
        long seq = request.sequence();
        try {
            switch (request.command()) {
                case INIT:
                    return Reply.success(seq, init(request.operatorBytes()));
                case EVAL_NODIFF:
                    derivative = null;
                    return Reply.success(seq, operator().apply(request.vector()));
                case EVAL_DIFF: {
                    derivative = null;
                    Linearization l = operator().linearize(request.vector());
                    derivative = l.derivative();
                    return Reply.success(seq, l.value());
                }
                case DERIV:
                    return Reply.success(seq, linearPart().apply(request.vector()));
                case ADJOINT:
                    return Reply.success(seq, adjointPart().apply(request.vector()));
                default:
                    throw new IllegalArgumentException("command " + request.command() + " is not executed by a session");
            }
        } catch (Throwable t) { // NOPMD: the parent gets every failure, errors included, with its type
            return Reply.error(seq, t);
        }
    }

    private double[] init(byte[] bytes) {
        if (operator != null) {
            throw new IllegalStateException("this worker already serves " + operator);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("init carries no operator");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Operator op = OperatorTransport.deserialize(bytes, loader != null ? loader : ClassLoader.getSystemClassLoader());
        if (op instanceof FactoryOperator f) {
            f.build();
        }
        operator = op;
        return null;
    }

    private Operator operator() {
        if (operator == null) {
            throw new IllegalStateException("no operator yet: init must come first");
        }
        return operator;
    }

    private Operator linearPart() {
        Operator op = operator();
        if (op.isLinear()) {
            return op;
        }
        if (derivative == null) {
            throw new IllegalStateException(op + " is nonlinear and was not linearized (eval_diff) since its last evaluation");
        }
        return derivative;
    }

    private Operator adjointPart() {
        Operator op = operator();
        if (op.isLinear()) {
            if (adjoint == null) {
                adjoint = op.adjoint();
            }
            return adjoint;
        }
        return linearPart().adjoint();
    }

    /** @return a short description for diagnostics */
    String describe() {
        return operator == null ? "no operator" : operator.toString();
    }
}
