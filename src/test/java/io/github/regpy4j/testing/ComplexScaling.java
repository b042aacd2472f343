package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;

/** {@code x ↦ w ⊙ x} on a complex space: linear, adjoint {@code y ↦ conj(w) ⊙ y}. */
public final class ComplexScaling extends Operator {

    private final double[] w;

    public ComplexScaling(VectorSpace space, double[] w) {
        super(space, space, true);
        this.w = w.clone();
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        return Vectors.complexMultiply(w, x);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return Vectors.complexConjugateMultiply(w, y);
    }
}
