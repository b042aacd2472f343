package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/** The identity {@code I: X → X}, self-adjoint. Port of regpy's {@code Identity}. */
public final class Identity extends Operator {

    /** @param space {@code X} */
    public Identity(VectorSpace space) {
        super(space, space, true);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        return x.clone();
    }

    /** @return {@code true}: the identity copies straight into the output array */
    @Override
    public boolean evaluatesInto() {
        return true;
    }

    @Override
    protected void evaluateInto(double[] x, double[] out) {
        System.arraycopy(x, 0, out, 0, x.length);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return y.clone();
    }

    @Override
    protected void applyAdjointInto(double[] y, double[] out) {
        System.arraycopy(y, 0, out, 0, y.length);
    }

    @Override
    public Operator adjoint() {
        return this;
    }
}
