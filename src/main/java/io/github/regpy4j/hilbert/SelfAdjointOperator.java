package io.github.regpy4j.hilbert;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/**
 * A linear operator {@code G: X → X} with {@code G* = G} (with respect to the real inner product
 * Re⟨x, y⟩), as every Gram operator and its inverse is: its adjoint is itself, and applying the
 * adjoint is applying it.
 */
abstract class SelfAdjointOperator extends Operator {

    /** @param space the domain and codomain */
    SelfAdjointOperator(VectorSpace space) {
        super(space, space, true);
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return evaluate(y, false);
    }

    @Override
    public Operator adjoint() {
        return this;
    }
}
