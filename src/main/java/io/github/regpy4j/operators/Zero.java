package io.github.regpy4j.operators;

import io.github.regpy4j.vecsps.VectorSpace;

/** The zero map {@code 0: X → Y}; its adjoint is the zero map {@code Y → X}. Port of regpy's {@code Zero}. */
public final class Zero extends Operator {

    /**
     * @param domain {@code X}
     * @param codomain {@code Y}
     */
    public Zero(VectorSpace domain, VectorSpace codomain) {
        super(domain, codomain, true);
    }

    /** @param space {@code X}, both domain and codomain */
    public Zero(VectorSpace space) {
        this(space, space);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        return codomain().zeros();
    }

    /** @return {@code true}: the output array is filled with zeros */
    @Override
    public boolean evaluatesInto() {
        return true;
    }

    @Override
    protected void evaluateInto(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0.0);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return domain().zeros();
    }

    @Override
    protected void applyAdjointInto(double[] y, double[] out) {
        java.util.Arrays.fill(out, 0.0);
    }
}
