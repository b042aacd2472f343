package io.github.regpy4j.benchmarks;

import io.github.regpy4j.operators.Linearization;
import io.github.regpy4j.operators.Operator;

/**
 * Wraps an operator and times each of its calls by kind (value or linearization, derivative,
 * adjoint), for probes that split a solve into the time spent inside the operator and outside
 * it. Its derivative is the wrapped operator's latest one.
 */
final class TimedOperator extends Operator {

    private final Operator inner;
    private Operator derivative;
    private long valueNanos;
    private long derivativeNanos;
    private long adjointNanos;
    private int values;
    private int derivatives;
    private int adjoints;

    TimedOperator(Operator inner) {
        super(inner.domain(), inner.codomain(), false);
        this.inner = inner;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        long start = System.nanoTime();
        double[] r;
        if (differentiate) {
            Linearization l = inner.linearize(x);
            derivative = l.derivative();
            // The linearization's value belongs to the inner operator; the contract wants a fresh one.
            r = l.value().clone();
        } else {
            r = inner.apply(x);
        }
        valueNanos += System.nanoTime() - start;
        values++;
        return r;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        long start = System.nanoTime();
        double[] r = derivative.apply(h);
        derivativeNanos += System.nanoTime() - start;
        derivatives++;
        return r;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        long start = System.nanoTime();
        double[] r = derivative.adjoint().apply(y);
        adjointNanos += System.nanoTime() - start;
        adjoints++;
        return r;
    }

    /** @return the wall time of all calls so far, in ns */
    long nanosInCalls() {
        return valueNanos + derivativeNanos + adjointNanos;
    }

    /** @return how many calls so far */
    int calls() {
        return values + derivatives + adjoints;
    }

    /** @return the mean derivative call plus the mean adjoint call, in ms */
    double pairMillis() {
        return derivativeNanos / 1e6 / derivatives + adjointNanos / 1e6 / adjoints;
    }
}
