package io.github.regpy4j.hostile;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * An identity on ℝⁿ whose bytes {@link WorkerDeathTest} copies under another name into a
 * throwaway class loader: an operator class the worker's classpath does not have. No nested
 * classes or lambdas, so the renamed copy is one class file.
 */
public final class Ghost extends Operator {

    public Ghost(int n) {
        super(VectorSpace.real(n), VectorSpace.real(n), true);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        return x.clone();
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return y.clone();
    }
}
