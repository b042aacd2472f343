package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/** The identity on a space, copying: every bit of the argument must come back. */
public final class Echo extends Operator {

    public Echo(VectorSpace space) {
        super(space, space, true);
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
