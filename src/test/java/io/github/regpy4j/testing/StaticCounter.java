package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/** Answers with how often this class has been evaluated in its JVM: a static that would leak between operators. */
public final class StaticCounter extends Operator {

    private static int evaluations;

    public StaticCounter() {
        super(VectorSpace.real(1), VectorSpace.real(1), true);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        return new double[] {evaluations++};
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return y.clone();
    }
}
